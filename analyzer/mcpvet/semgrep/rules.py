"""The sink rules shipped with mcpvet: where they are and what each one means."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from mcpvet.model import Kind


@dataclass(frozen=True)
class SinkRule:
    id: str
    kind: Kind
    sink: str  # may hold $METAVARS, resolved per hit
    message: str
    languages: tuple[str, ...]
    path: Path


def rules_root() -> Path:
    """The packaged rules (wheel) or, in a source checkout, the repository's `semgrep-rules/`."""
    packaged = Path(str(resources.files("mcpvet"))) / "semgrep-rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "semgrep-rules"


def rule_dirs(root: Path | None = None) -> list[Path]:
    """One config folder per language that has rules (`python`, `javascript`)."""
    root = root or rules_root()
    if not root.is_dir():
        return []
    return sorted(d for d in root.iterdir() if d.is_dir() and any(d.rglob("*.yaml")))


# libyaml's safe loader when PyYAML was built with it (the same documents, ~10x faster than the
# pure-Python parser, which took longer than semgrep's own start-up to read the rules); None: chosen
# on first use, so that PyYAML loads only when rules are read (after semgrep started), not with api
_SAFE_LOADER: Any = None


def _loader() -> Any:
    if _SAFE_LOADER is not None:
        return _SAFE_LOADER
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.lru_cache(maxsize=8)
def load_rules(root: Path | None = None) -> dict[str, SinkRule]:
    """Every rule by id. A rule without a valid `metadata.kind` is a packaging bug: raise."""
    import yaml

    loader = _loader()
    out: dict[str, SinkRule] = {}
    for folder in rule_dirs(root):
        for path in sorted(folder.rglob("*.yaml")):
            doc = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}
            for rule in doc.get("rules", []):
                meta = rule.get("metadata") or {}
                try:
                    kind = Kind(meta.get("kind"))
                except ValueError as exc:
                    raise ValueError(f"{path}: rule {rule.get('id')!r} has no valid metadata.kind") from exc
                rid = str(rule["id"])
                if rid in out:
                    raise ValueError(f"{path}: duplicate rule id {rid!r} (also in {out[rid].path})")
                out[rid] = SinkRule(
                    id=rid,
                    kind=kind,
                    sink=str(meta.get("sink") or rule.get("message") or rid),
                    message=str(rule.get("message", "")),
                    languages=tuple(rule.get("languages", ())),
                    path=path,
                )
    return out


_VAR = re.compile(r"\$[A-Z_][A-Z0-9_]*")


def resolve_sink(rule: SinkRule, message: str, matched_text: str) -> str:
    """The sink name of one hit: `metadata.sink` with its $METAVARS filled in.

    semgrep interpolates metavariables into the message but does not report their values in
    JSON output, so the values are recovered by matching the rule's message template against the
    interpolated message. A variable the message does not carry falls back to the callee text.
    """
    if "$" not in rule.sink:
        return rule.sink
    values: dict[str, str] = {}
    names = _VAR.findall(rule.message)
    if names:
        pattern = "".join(
            f"(?P<{part[1:]}>.+?)" if _VAR.fullmatch(part) else re.escape(part)
            for part in re.split(r"(\$[A-Z_][A-Z0-9_]*)", rule.message)
            if part
        )
        try:
            m = re.fullmatch(pattern, message, flags=re.S)
        except re.error:
            m = None
        if m:
            values = {f"${k}": v for k, v in m.groupdict().items()}
    sink = rule.sink
    for var in _VAR.findall(rule.sink):
        if var in values:
            sink = sink.replace(var, values[var])
    if _VAR.search(sink):
        callee = matched_text.split("(", 1)[0].strip()
        return callee or sink
    return sink
