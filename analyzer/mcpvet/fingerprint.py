"""Stable finding fingerprints: the same problem gets the same fingerprint in every run and version.

A fingerprint names *what* a finding is about, never *where it happens to sit today*, so that
baselines (`mcpvet baseline`, `[[suppress]]` in `.mcpvet.toml`), version diffs (`mcpvet diff`) and
code scanning (SARIF `partialFingerprints`) can match a finding across runs. It is made of:

- the rule id (`undeclared-capability`, …);
- for a finding about one tool: the tool name; the finding's location is left out (it is the
  first sink reached, which moves whenever code is added above it);
- for a finding about the package: its location's path, with version numbers and build hashes
  taken out of every path component (`pkg-1.2.3.dist-info` → `pkg-<v>.dist-info`); except for the
  rules in `EVIDENCE_LOCATED`, one finding per package and kind whose location is merely the first
  piece of evidence (like a tool finding's);
- the finding's title as its subject (the message is not used: it lists lines and call paths),
  normalised: white space folded, dates, dotted versions, bare numbers (counts, lines, ages) and
  long hex strings replaced by placeholders. Identifiers that merely contain digits (`CVE-2024-1234`,
  `GHSA-…`, `get_v2`) are kept.

So a line shift, another finding added or removed, the package's version in paths or titles, or
the order of findings changes nothing; another rule, tool, kind (in the title), file or
advisory id gives another fingerprint. Two findings of one scorecard may share a fingerprint
(the same problem reported twice); consumers treat fingerprints as a multiset.

The value is `FINGERPRINT_VERSION` hashed with those parts: 16 lowercase hex digits (64 bits).
Changing the normalisation is a change of `FINGERPRINT_VERSION`, since it invalidates baselines.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from typing import Any

from mcpvet.model import Finding

FINGERPRINT_VERSION = "mcpvet-fp/1"
"""Salted into every fingerprint; bump it when the normalisation below changes."""

_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b")
_HEX = re.compile(r"\b[0-9a-f]{12,}\b")
# a dotted version glued to a name by - or _ (pkg-1.2.3, mcp_server_1.0rc1): the name stays
_GLUED_VERSION = re.compile(r"(?<=[-_])v?\d+(?:\.\d+)+(?:[-.+]?(?:a|b|c|rc|alpha|beta|pre|dev|post|next|canary)\.?\d*)*"
                            r"(?![0-9A-Za-z])")
# a free-standing number or version (counts, ages, line numbers after ':', 1.2.3, v2.0.0-beta.1);
# not one glued to a word or an identifier by a letter, a digit, '_' or '-' (CVE-2024-1234, get_v2)
_FREE_NUMBER = re.compile(r"(?<![\w-])v?\d+(?:[.,]\d+)*(?:-?(?:a|b|c|rc|alpha|beta|pre|dev|post|next|canary)[.\d]*)?"
                          r"(?![\w-])")
# a build hash in a file name: chunk-3f2a9c1d.js, index.8f3e2a1b.mjs
_NAME_HASH = re.compile(r"(?<=[-.])[0-9a-f]{8,}(?=\.)")


EVIDENCE_LOCATED = frozenset({"startup-behaviour", "toxic-flow"})
"""Package-level rules whose location is the first piece of evidence, not what the finding is about."""


def normalise_text(text: str) -> str:
    """A title with the parts that churn between runs and versions replaced by placeholders."""
    text = " ".join(text.split())
    text = _DATE.sub("<date>", text)
    text = _HEX.sub("<hex>", text)
    text = _NAME_HASH.sub("<hash>", text)
    text = _GLUED_VERSION.sub("<v>", text)
    return _FREE_NUMBER.sub("<n>", text)


def normalise_path(path: str) -> str:
    """A package-relative path without version numbers or build hashes in its components."""
    parts = []
    for part in path.replace("\\", "/").strip("/").split("/"):
        if part in ("", "."):
            continue
        part = _NAME_HASH.sub("<hash>", part)
        part = _GLUED_VERSION.sub("<v>", part)
        parts.append(_FREE_NUMBER.sub("<v>", part) if re.fullmatch(r"v?\d+(?:\.\d+)+", part) else part)
    return "/".join(parts)


def fingerprint_of(rule: str, tool: str | None, title: str, path: str | None) -> str:
    """The fingerprint of a finding given by its parts (see the module docstring).

    `path` is the finding's location path; it is ignored when `tool` is set or the rule is in
    `EVIDENCE_LOCATED`."""
    where = "" if tool is not None or rule in EVIDENCE_LOCATED else normalise_path(path or "")
    key = "\x1f".join((FINGERPRINT_VERSION, rule, "tool" if tool is not None else "package", tool or "", where,
                       normalise_text(title)))
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def fingerprint(finding: Finding) -> str:
    """The stable fingerprint of a finding: 16 hex digits, equal across line shifts, other findings
    added or removed, reordering and version churn; different for another rule, tool, file or subject."""
    return fingerprint_of(finding.rule, finding.tool, finding.title,
                          finding.location.path if finding.location is not None else None)


def fingerprint_json(finding: Mapping[str, Any]) -> str:
    """The same fingerprint for a finding in its scorecard JSON form (`findings[]` of the contract)."""
    location = finding.get("location")
    path = location.get("path") if isinstance(location, Mapping) else None
    tool = finding.get("tool")
    return fingerprint_of(str(finding.get("rule") or ""), tool if isinstance(tool, str) else None,
                          str(finding.get("title") or ""), path if isinstance(path, str) else None)


__all__ = ["EVIDENCE_LOCATED", "FINGERPRINT_VERSION", "fingerprint", "fingerprint_json", "fingerprint_of", "normalise_path",
           "normalise_text"]
