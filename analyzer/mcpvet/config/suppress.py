"""Suppressions applied to a scorecard: a pure function of the card, the configuration and the date.

A suppressed finding leaves `findings[]` (so it counts toward neither the score nor the exit
code) and is listed, with the entry that suppressed it, under the scorecard's `suppressions`
field (an addition the contract allows):

    "suppressions": {
      "config": ".mcpvet.toml",
      "suppressed": [ {<the finding>, "fingerprint": …, "suppressed_by": {<the entry>}} ],
      "expired":    [ {<the entry>, "matched": n} ],   # past `expires`: no longer applied
      "unused":     [ {<the entry>} ]                  # matched no finding of this card
    }

A check that had a finding suppressed is scored again from the findings it keeps, with the
analysis checks' penalty rule (10 minus a penalty per finding), and its reason says how many were
suppressed; the package score is computed again from the checks, in the band of the most severe
finding that remains (mcpvet.score). A card that is not rated stays not rated.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from mcpvet.checks import ALL_CHECKS
from mcpvet.checks.analysis._common import score_from
from mcpvet.config.model import Config, Suppression
from mcpvet.fingerprint import fingerprint
from mcpvet.model import CheckResult, Finding
from mcpvet.model.scorecard import Score, Scorecard
from mcpvet.score import compute


def _match(f: Finding, fp: str, entries: tuple[Suppression, ...]) -> Suppression | None:
    path = f.location.path if f.location is not None else None
    return next((e for e in entries if e.matches(f.rule, f.tool, path, fp)), None)


def _rescore(score: Score, kept: list[Finding], suppressed: list[Finding]) -> Score:
    check_of = {rule: check.id for check in ALL_CHECKS for rule in check.rules}
    touched: dict[str, int] = {}
    for f in suppressed:
        if f.rule in check_of:
            touched[check_of[f.rule]] = touched.get(check_of[f.rule], 0) + 1
    results: list[CheckResult] = []
    for c in score.checks:
        if c.id in touched and c.score is not None:
            remaining = [f for f in kept if check_of.get(f.rule) == c.id]
            c = replace(c, score=max(float(c.score), score_from(remaining)),
                        reason=f"{c.reason} ({touched[c.id]} finding(s) suppressed by configuration)")
        results.append(c)
    worst = max((f.severity for f in kept), key=lambda s: s.rank, default=None)
    out = compute(results, worst, banded=True)  # as the pipeline scores: banded by what remains
    if score.value is None:  # not rated stays not rated, with its reason
        return replace(out, value=None, grade=None, reason=score.reason)
    return out


def apply_suppressions(card: Scorecard, config: Config, today: dt.date) -> Scorecard:
    """`card` with the findings the configuration suppresses moved to `suppressions` (see the module
    docstring). A card without suppression entries, or a failed one, is returned unchanged."""
    if not config.suppress or card.failed:
        return card
    live = tuple(e for e in config.suppress if not e.expired(today))
    expired = [e for e in config.suppress if e.expired(today)]
    kept: list[Finding] = []
    suppressed: list[tuple[Finding, str, Suppression]] = []
    used: set[int] = set()
    expired_hits: dict[int, int] = {}
    for f in card.findings:
        fp = fingerprint(f)
        entry = _match(f, fp, live)
        if entry is None:
            kept.append(f)
            old = _match(f, fp, tuple(expired))
            if old is not None:
                expired_hits[old.number] = expired_hits.get(old.number, 0) + 1
            continue
        used.add(entry.number)
        suppressed.append((f, fp, entry))
    report = {
        "config": str(config.source) if config.source else None,
        "suppressed": [{**f.to_json(f"MCPV-S{i:03d}"), "fingerprint": fp, "suppressed_by": e.to_json()}
                       for i, (f, fp, e) in enumerate(suppressed, 1)],
        "expired": [{**e.to_json(), "matched": expired_hits.get(e.number, 0)} for e in expired],
        "unused": [e.to_json() for e in live if e.number not in used],
    }
    score = _rescore(card.score, kept, [f for f, _, _ in suppressed]) if suppressed else card.score
    return replace(card, findings=tuple(kept), score=score, suppressions=report)


def expired_messages(card: Scorecard) -> list[str]:
    """One line per expired suppression, for stderr."""
    report = card.suppressions or {}
    lines = []
    for e in report.get("expired") or []:
        what = ", ".join(f"{k} {e[k]}" for k in ("rule", "tool", "path", "fingerprint") if k in e)
        lines.append(f"suppression {e['entry']} in {report.get('config')} expired on {e['expires']} ({what}; "
                     f"reason: {e['reason']}): it no longer applies"
                     + (f" and {e['matched']} finding(s) count again" if e.get("matched") else ""))
    return lines
