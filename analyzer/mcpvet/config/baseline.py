"""`mcpvet baseline`: the current findings' fingerprints written as suppressions, so that CI fails on
new findings only.

The entries go between two marker comments in the configuration file; the rest of the file is kept
byte for byte, and running the command again replaces the block (so findings that were fixed drop
out of it). The file written is checked with tomllib before it replaces the old one.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
import tomllib
from collections.abc import Iterable
from pathlib import Path

from mcpvet.errors import UsageError
from mcpvet.fingerprint import fingerprint
from mcpvet.model import Finding

BEGIN = "# mcpvet baseline: begin"
END = "# mcpvet baseline: end"
_BLOCK = re.compile(rf"^{re.escape(BEGIN)}.*?^{re.escape(END)}[^\n]*\n?", re.MULTILINE | re.DOTALL)


def without_baseline(text: str) -> str:
    """The configuration text with the baseline block taken out (the user's own settings)."""
    return _BLOCK.sub("", text, count=1)


def toml_string(text: str) -> str:
    """A TOML basic string; everything outside printable ASCII is escaped (no hidden character is written)."""
    out = []
    for ch in text:
        cp = ord(ch)
        if ch in ('"', "\\"):
            out.append("\\" + ch)
        elif 0x20 <= cp < 0x7F:
            out.append(ch)
        elif cp <= 0xFFFF:
            out.append(f"\\u{cp:04X}")
        else:
            out.append(f"\\U{cp:08X}")
    return '"' + "".join(out) + '"'


def baseline_block(findings: Iterable[Finding], today: dt.date, table: str = "suppress") -> tuple[str, int]:
    """The marked block of `[[table]]` entries, one per distinct fingerprint, and their number."""
    seen: dict[str, Finding] = {}
    for f in findings:
        seen.setdefault(fingerprint(f), f)
    lines = [f"{BEGIN} (written by `mcpvet baseline` on {today.isoformat()}; run it again to refresh;",
             "# edit outside these markers)"]
    for fp, f in sorted(seen.items(), key=lambda kv: (kv[1].rule, kv[1].tool or "", kv[0])):
        about = toml_string(f"{f.severity.value}: {f.title}"[:200])[1:-1]  # escaped: no line break can end the comment
        lines += ["", f"# {about}", f"[[{table}]]", f"fingerprint = {toml_string(fp)}", f"rule = {toml_string(f.rule)}"]
        if f.tool is not None:
            lines.append(f"tool = {toml_string(f.tool)}")
        lines.append(f"reason = {toml_string(f'accepted by mcpvet baseline on {today.isoformat()}')}")
    lines.append(END)
    return "\n".join(lines) + "\n", len(seen)


def write_baseline(path: Path, findings: Iterable[Finding], today: dt.date, *, in_pyproject: bool = False) -> int:
    """Write (or replace) the baseline block of `path`, creating the file if needed; the number of
    entries written. `in_pyproject`: the entries are `[[tool.mcpvet.suppress]]`."""
    block, count = baseline_block(findings, today, "tool.mcpvet.suppress" if in_pyproject else "suppress")
    try:
        old = path.read_text("utf-8") if path.exists() else ""
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read the configuration ({exc})") from None
    if _BLOCK.search(old):
        new = _BLOCK.sub(lambda _m: block, old, count=1)
    else:
        new = old + ("" if not old or old.endswith("\n\n") else "\n" if old.endswith("\n") else "\n\n") + block
    try:
        tomllib.loads(new)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path}: the baseline cannot be added to this file without breaking it ({exc})",
                         hint="write suppressions as [[suppress]] tables (not an inline suppress = [...])") from None
    parent = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".mcpvet-baseline-", dir=parent)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.write(new)
        os.replace(tmp, path)
    except OSError as exc:
        raise UsageError(f"{path}: cannot write the baseline ({exc.strerror or exc})") from None
    return count
