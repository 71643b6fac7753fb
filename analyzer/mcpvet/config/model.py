"""The configuration's values: defaults for the command line and suppressions, parsed from a TOML
table (`.mcpvet.toml` at its top level, or `[tool.mcpvet]` in `pyproject.toml`).

    fail-on = "medium"              # default of --fail-on
    format = "markdown"             # default of --format
    [limits]                        # defaults of --max-total-bytes, --max-files, --max-file-bytes
    max-total-bytes = 500_000_000
    [[suppress]]                    # one entry per suppression; every given field must match
    rule = "undeclared-capability"  # rule id (a glob: "startup-*")
    tool = "fetch_*"                # tool name (a glob)
    path = "src/legacy/*"           # the finding's location path (a glob)
    fingerprint = "3f2a9c1d0b7e4a65"  # a finding's stable fingerprint (mcpvet.fingerprint)
    reason = "reviewed: fetches only the configured API"   # required
    expires = 2027-03-31            # optional (a TOML date or "YYYY-MM-DD"); after it the entry no longer applies

Keys may be written with `-` or `_`. An unknown key, a suppression without a reason or without
anything to match is a usage error (exit 2): a typo must not silently suppress nothing or everything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from mcpvet.errors import UsageError

FAIL_ON_VALUES = ("critical", "high", "medium", "low", "info", "none")
FORMAT_VALUES = ("text", "json", "markdown", "sarif")
LIMIT_KEYS = ("max_total_bytes", "max_files", "max_file_bytes")
_TOP_KEYS = ("fail_on", "format", "limits", "suppress")
_SUPPRESS_KEYS = ("rule", "tool", "path", "fingerprint", "reason", "expires")
MATCH_KEYS = ("rule", "tool", "path", "fingerprint")


@dataclass(frozen=True)
class Suppression:
    """One `[[suppress]]` entry. `number` is its 1-based position in the file (for messages)."""

    reason: str
    number: int
    rule: str | None = None
    tool: str | None = None
    path: str | None = None
    fingerprint: str | None = None
    expires: dt.date | None = None

    def expired(self, today: dt.date) -> bool:
        return self.expires is not None and self.expires < today

    def matches(self, rule: str, tool: str | None, path: str | None, fingerprint: str) -> bool:
        """True when every field this entry gives matches the finding (rule, tool and path as globs)."""
        if self.fingerprint is not None and self.fingerprint.lower() != fingerprint:
            return False
        if self.rule is not None and not fnmatchcase(rule, self.rule):
            return False
        if self.tool is not None and (tool is None or not fnmatchcase(tool, self.tool)):
            return False
        return self.path is None or (path is not None and fnmatchcase(path, self.path))

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {k: getattr(self, k) for k in MATCH_KEYS if getattr(self, k) is not None}
        out["reason"] = self.reason
        if self.expires is not None:
            out["expires"] = self.expires.isoformat()
        out["entry"] = self.number
        return out


@dataclass(frozen=True)
class Config:
    """What a configuration file says; `source` is the file it came from."""

    source: Path | None = None
    fail_on: str | None = None
    format: str | None = None
    limits: dict[str, int] = field(default_factory=dict)
    suppress: tuple[Suppression, ...] = ()


def _keys(table: Mapping[str, Any], allowed: tuple[str, ...], where: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in table.items():
        norm = key.replace("-", "_")
        if norm not in allowed:
            known = ", ".join(k.replace("_", "-") for k in allowed)
            raise UsageError(f"{where}: unknown key {key!r}", hint=f"known keys: {known}")
        out[norm] = value
    return out


def _date(value: Any, where: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise UsageError(f"{where}: expires must be a date (2027-03-31), not {value!r}")


def _suppression(entry: Any, number: int, where: str) -> Suppression:
    here = f"{where}: [[suppress]] entry {number}"
    if not isinstance(entry, Mapping):
        raise UsageError(f"{here}: not a table")
    values = _keys(entry, _SUPPRESS_KEYS, here)
    for key in (*MATCH_KEYS, "reason"):
        if key in values and not (isinstance(values[key], str) and values[key].strip()):
            raise UsageError(f"{here}: {key} must be a non-empty string")
    if "reason" not in values:
        raise UsageError(f"{here}: a suppression needs a reason", hint='reason = "why this finding is accepted"')
    if not any(k in values for k in MATCH_KEYS):
        raise UsageError(f"{here}: a suppression needs at least one of rule, tool, path, fingerprint")
    return Suppression(reason=values["reason"].strip(), number=number, rule=values.get("rule"), tool=values.get("tool"),
                       path=values.get("path"), fingerprint=values.get("fingerprint"),
                       expires=_date(values["expires"], here) if "expires" in values else None)


def parse_config(table: Mapping[str, Any], source: Path | None, where: str | None = None) -> Config:
    """A Config from the mcpvet table of a TOML document (UsageError when it is malformed)."""
    where = where or str(source or "configuration")
    values = _keys(table, _TOP_KEYS, where)
    fail_on = values.get("fail_on")
    if fail_on is not None and (not isinstance(fail_on, str) or fail_on.lower() not in FAIL_ON_VALUES):
        raise UsageError(f"{where}: fail-on must be one of {', '.join(FAIL_ON_VALUES)}, not {fail_on!r}")
    fmt = values.get("format")
    if fmt is not None and (not isinstance(fmt, str) or fmt.lower() not in FORMAT_VALUES):
        raise UsageError(f"{where}: format must be one of {', '.join(FORMAT_VALUES)}, not {fmt!r}")
    limits_table = values.get("limits", {})
    if not isinstance(limits_table, Mapping):
        raise UsageError(f"{where}: limits must be a table ([limits])")
    limits = _keys(limits_table, LIMIT_KEYS, f"{where}: [limits]")
    for key, value in limits.items():
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise UsageError(f"{where}: [limits] {key.replace('_', '-')} must be a positive integer, not {value!r}")
    entries = values.get("suppress", [])
    if not isinstance(entries, list):
        raise UsageError(f"{where}: suppress must be an array of tables ([[suppress]])")
    return Config(source=source, fail_on=fail_on.lower() if fail_on else None, format=fmt.lower() if fmt else None,
                  limits=dict(limits), suppress=tuple(_suppression(e, i, where) for i, e in enumerate(entries, 1)))
