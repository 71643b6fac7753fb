"""The answer a reader wants first — install it? — from the scorecard, in one line.

The same words lead the text and Markdown reports. They follow the score bands
(`mcpvet.score.BANDS`): the most severe finding decides, a package that is not rated says why,
and an analysis that could not see everything says so next to the answer.
"""

from __future__ import annotations

from mcpvet.model import TOOL_LIST_STAGE, Severity
from mcpvet.model.scorecard import Scorecard
from mcpvet.render.causes import causes

_ANSWERS: dict[Severity | None, str] = {
    Severity.CRITICAL: "no",
    Severity.HIGH: "not without a review",
    Severity.MEDIUM: "with care",
    Severity.LOW: "nothing found against it",
    Severity.INFO: "nothing found against it",
    None: "nothing found against it",
}
_PARTIAL_STAGES = frozenset({"python", "javascript", "frontend", "parse", "semgrep", "budget", "overload", "unpack"})


def partial_note(card: Scorecard) -> str | None:
    """What the analysis could not see, when it matters for the answer (None: it saw everything)."""
    parts = []
    if any(e.stage == TOOL_LIST_STAGE for e in card.errors):
        parts.append("the tool list may be incomplete")
    incomplete = sum(1 for t in card.tools if t.unresolved_calls)
    if incomplete:
        parts.append(f"{incomplete} of {len(card.tools)} tools make calls that could not be followed")
    cut = sum(1 for e in card.errors if e.stage in _PARTIAL_STAGES)
    if cut:
        parts.append(f"{cut} parts not analysed")
    return "partial analysis: " + ", ".join(parts) if parts else None


def exposure_note(card: Scorecard, shown: int = 3) -> str | None:
    """What the model can make the tools do (`tools[].exposure`), in one clause: `the model can run
    any command (run_shell), read any file (read_file, grep)`; None when nothing is unrestricted."""
    by_what: dict[str, list[str]] = {}
    for tool in card.tools:
        for what in tool.exposure:
            by_what.setdefault(what, []).append(tool.name)
    if not by_what:
        return None
    parts = []
    for what in sorted(by_what):
        names = sorted(by_what[what])
        more = f" and {len(names) - shown} more" if len(names) > shown else ""
        parts.append(f"{what} ({', '.join(names[:shown])}{more})")
    return "the model can " + ", ".join(parts)


def verdict(card: Scorecard) -> str:
    """`install? <answer> — <why>`."""
    if card.score.value is None:
        return "install? unknown — not rated: " + (card.score.reason or "no check could be concluded")
    worst = max((f.severity for f in card.findings), key=lambda s: s.rank, default=None)
    answer = _ANSWERS[worst]
    if worst is None or worst <= Severity.LOW:
        why = "no finding above low"
    else:
        worst_causes = [c for c in causes(card) if c.finding.severity is worst]
        count = sum(len(c.ids) for c in worst_causes)
        shared = f" from {len(worst_causes)} cause{'s' if len(worst_causes) > 1 else ''}" \
            if len(worst_causes) < count else ""
        why = f"{count} {worst.value} finding{'s' if count > 1 else ''}{shared}, first: {worst_causes[0].title}"
    line = f"install? {answer} — {why}"
    exposure = exposure_note(card)
    if exposure:
        line += f"; {exposure}"
    note = partial_note(card)
    return f"{line} ({note})" if note else line
