"""The diff of two scorecards, as one JSON-ready document (a pure function of their JSON forms)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mcpvet.diff.findings import compare_findings
from mcpvet.diff.provenance import compare_provenance
from mcpvet.diff.tools import compare_tools

DIFF_VERSION = "1"
Json = dict[str, Any]


def _side(card: Mapping[str, Any]) -> Json:
    target = card.get("target") or {}
    score = card.get("score") or {}
    errors = card.get("errors") or []
    return {
        "spec": target.get("spec"),
        "ecosystem": target.get("ecosystem"),
        "name": target.get("name"),
        "version": target.get("version"),
        "sha256": target.get("sha256"),
        "score": score.get("value"),
        "grade": score.get("grade"),
        "tools": len(card.get("tools") or []),
        "findings": len(card.get("findings") or []),
        "errors": len(errors),
        **({"not_rated": score["reason"]} if score.get("reason") else {}),
    }


def compare(old: Mapping[str, Any], new: Mapping[str, Any]) -> Json:
    """What changed from the scorecard OLD to the scorecard NEW (both in their contract JSON form).

    Top-level keys: `diff_version`, `old` and `new` (target, score, counts), `tools` (`added`,
    `removed`, `changed`), `findings` (`new`, `resolved`, `raised`, each finding with its
    `fingerprint`), `provenance` (`changes`)."""
    return {
        "diff_version": DIFF_VERSION,
        "old": _side(old),
        "new": _side(new),
        "tools": compare_tools(old.get("tools") or [], new.get("tools") or []),
        "findings": compare_findings(old.get("findings") or [], new.get("findings") or []),
        "provenance": {"changes": compare_provenance(old.get("provenance") or {}, new.get("provenance") or {})},
    }


def is_empty(diff: Mapping[str, Any]) -> bool:
    """True when nothing changed that a diff reports."""
    tools, findings = diff["tools"], diff["findings"]
    return not (any(tools[k] for k in ("added", "removed", "changed")) or any(findings[k] for k in ("new", "resolved", "raised"))
                or diff["provenance"]["changes"])
