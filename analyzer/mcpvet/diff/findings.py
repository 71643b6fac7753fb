"""Findings matched across two scorecards by fingerprint (mcpvet.fingerprint), as multisets:
new ones, resolved ones, and kept ones whose severity rose."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from mcpvet.fingerprint import fingerprint_json
from mcpvet.model import Severity

Json = dict[str, Any]


def _rank(finding: Mapping[str, Any]) -> int:
    try:
        return Severity(str(finding.get("severity"))).rank
    except ValueError:
        return -1


def _group(findings: Sequence[Mapping[str, Any]]) -> dict[str, list[Json]]:
    out: dict[str, list[Json]] = defaultdict(list)
    for f in findings:
        if isinstance(f, Mapping):
            out[fingerprint_json(f)].append({**f, "fingerprint": fingerprint_json(f)})
    for items in out.values():
        items.sort(key=lambda f: -_rank(f))  # pair the worst with the worst
    return out


def _order(f: Mapping[str, Any]) -> tuple[int, str, str, str]:
    return (-_rank(f), str(f.get("tool") or ""), str(f.get("rule")), str(f.get("title")))


def compare_findings(old: Sequence[Mapping[str, Any]], new: Sequence[Mapping[str, Any]]) -> Json:
    """`{"new": [...], "resolved": [...], "raised": [...]}`: findings (with their `fingerprint`) only in
    NEW, only in OLD, and in both with a higher severity in NEW (`old_severity` added)."""
    o, n = _group(old), _group(new)
    added: list[Json] = []
    resolved: list[Json] = []
    raised: list[Json] = []
    for fp in set(o) | set(n):
        olds, news = o.get(fp, []), n.get(fp, [])
        for before, after in zip(olds, news, strict=False):
            if _rank(after) > _rank(before):
                raised.append({**after, "old_severity": before.get("severity")})
        added += news[len(olds):]
        resolved += olds[len(news):]
    return {"new": sorted(added, key=_order), "resolved": sorted(resolved, key=_order), "raised": sorted(raised, key=_order)}


def counted_as_new(findings: Mapping[str, Any], floor: Severity) -> list[Json]:
    """What `--fail-on` judges in a diff: new findings and findings whose severity rose, at or above `floor`."""
    return [f for f in [*findings.get("new", []), *findings.get("raised", [])] if _rank(f) >= floor.rank]
