"""The score: a pure function of check results (OpenSSF Scorecard style).

Each check scores 0-10 and is weighted by its risk (critical 10, high 7.5, medium 5, low 2.5,
info 0). Inconclusive checks (score None) are shown but left out of the average: an unknown is
never a pass. With no conclusive check, value and grade are None.

Grades: A >= 9.0, B >= 7.5, C >= 6.0, D >= 4.5, E >= 3.0, F below.

Cap: a package is only as good as its worst serious area. The value is at most the lowest score
of a conclusive critical- or high-risk check plus 3 (CAP_MARGIN), so a tool that sends secrets
away (tool-behaviour 0) or an install script that downloads and runs code cannot average its
way to a B on clean provenance checks.

The analysis checks score 10 minus a penalty per cause: critical 10, high 7, medium 2.5, low
0.25 (all lows together at most 1), info 0; floored at 0. A cause is one finding, or the
per-tool copies of one high or critical cause that several tools reach (`findings[].tools`).
The JSON, SARIF and the shared scorer keep one finding per tool for such a cause (each tool is
a way in); the text and Markdown reports show it once, naming the tools it reaches and how many
copies it stands for (`MCPV-0002 (+18)`), and the answer line counts causes next to findings.

Bands: the grade never contradicts the worst finding (nor, with the default `--fail-on high`,
the exit code). The value is kept inside the band of the most severe finding:

| worst finding     | value       | grades      | exit (default --fail-on high) |
| ----------------- | ----------- | ----------- | ----------------------------- |
| critical          | 0.0 – 4.4   | E, F        | 1                             |
| high              | 0.0 – 5.9   | D, E, F     | 1                             |
| medium            | 6.0 – 8.9   | B, C        | 0                             |
| low, info or none | 7.5 – 10.0  | A, B        | 0                             |

So many medium findings cannot sink a package below C, and a package with a high finding is
never graded better than D. The bands are applied after the weighted average and the cap.
"""

from __future__ import annotations

from collections.abc import Sequence

from mcpvet.model import CheckResult, Severity
from mcpvet.model.scorecard import Score

RISK_WEIGHTS: dict[Severity, float] = {
    Severity.CRITICAL: 10.0,
    Severity.HIGH: 7.5,
    Severity.MEDIUM: 5.0,
    Severity.LOW: 2.5,
    Severity.INFO: 0.0,
}

CAP_MARGIN = 3.0
CAPPING_RISKS = (Severity.CRITICAL, Severity.HIGH)

BANDS: dict[Severity | None, tuple[float, float]] = {
    Severity.CRITICAL: (0.0, 4.4),
    Severity.HIGH: (0.0, 5.9),
    Severity.MEDIUM: (6.0, 8.9),
    Severity.LOW: (7.5, 10.0),
    Severity.INFO: (7.5, 10.0),
    None: (7.5, 10.0),
}

GRADE_THRESHOLDS: tuple[tuple[float, str], ...] = (
    (9.0, "A"),
    (7.5, "B"),
    (6.0, "C"),
    (4.5, "D"),
    (3.0, "E"),
    (0.0, "F"),
)


def grade_for(value: float) -> str:
    for threshold, grade in GRADE_THRESHOLDS:
        if value >= threshold:
            return grade
    return "F"


def compute(checks: Sequence[CheckResult], worst: Severity | None = None, banded: bool = False) -> Score:
    """The score of these check results. `banded`: keep the value inside the band of `worst`, the
    most severe finding (None: no finding), so that grade and findings never contradict."""
    conclusive = [(c.risk, c.score) for c in checks if c.score is not None and RISK_WEIGHTS[c.risk] > 0]
    ordered = tuple(sorted(checks, key=lambda c: c.id))
    if not conclusive:
        return Score(None, None, ordered)
    total_weight = sum(RISK_WEIGHTS[risk] for risk, _ in conclusive)
    value = sum(RISK_WEIGHTS[risk] * float(score) for risk, score in conclusive) / total_weight
    serious = [float(score) for risk, score in conclusive if risk in CAPPING_RISKS]
    if serious:
        value = min(value, min(serious) + CAP_MARGIN)
    value = round(max(0.0, min(10.0, value)), 1)
    if banded:
        low, high = BANDS[worst]
        value = max(low, min(high, value))
    return Score(value, grade_for(value), ordered)
