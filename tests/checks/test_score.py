"""The score: risk-weighted average of conclusive checks, grades, inconclusive left out."""

from __future__ import annotations

import pytest

from mcpvet.checks.analysis._common import score_from
from mcpvet.model import CheckResult, Finding, Severity
from mcpvet.score import GRADE_THRESHOLDS, compute, grade_for


def test_weighted_average() -> None:
    checks = [CheckResult("a", 6.0, Severity.CRITICAL, ""), CheckResult("b", 10.0, Severity.MEDIUM, "")]
    s = compute(checks)
    assert s.value == pytest.approx(round(110 / 15, 1))
    assert s.grade == grade_for(s.value)


def test_inconclusive_is_left_out_but_shown() -> None:
    checks = [CheckResult("a", None, Severity.CRITICAL, "unknown"), CheckResult("b", 8.0, Severity.HIGH, "")]
    s = compute(checks)
    assert s.value == 8.0 and s.grade == "B"
    assert [c.id for c in s.checks] == ["a", "b"]


def test_nothing_conclusive_is_not_a_pass() -> None:
    s = compute([CheckResult("a", None, Severity.HIGH, "")])
    assert s.value is None and s.grade is None


@pytest.mark.parametrize(("value", "grade"), [(10.0, "A"), (9.0, "A"), (8.9, "B"), (6.0, "C"), (4.5, "D"),
                                              (3.0, "E"), (2.9, "F"), (0.0, "F")])
def test_grades(value: float, grade: str) -> None:
    assert grade_for(value) == grade
    assert [g for _, g in GRADE_THRESHOLDS] == ["A", "B", "C", "D", "E", "F"]


def test_check_score_from_findings() -> None:
    def f(sev: Severity) -> Finding:
        return Finding("r", sev, "t", "m")

    assert score_from([]) == 10.0
    assert score_from([f(Severity.CRITICAL)]) == 0.0
    assert score_from([f(Severity.HIGH)]) == 3.0
    assert score_from([f(Severity.MEDIUM), f(Severity.LOW), f(Severity.INFO)]) == 7.2
    assert score_from([f(Severity.LOW)] * 12) == 9.0  # lows cost at most one point together
    assert score_from([f(Severity.HIGH)] * 3) == 0.0


def test_worst_serious_check_caps_the_value() -> None:
    checks = [CheckResult("tool-behaviour", 0.0, Severity.CRITICAL, "")]
    checks += [CheckResult(f"p{i}", 10.0, Severity.HIGH, "") for i in range(8)]
    s = compute(checks)
    assert s.value == 3.0 and s.grade == "E"
    # a medium-risk check does not cap
    s = compute([CheckResult("a", 0.0, Severity.MEDIUM, ""), *[CheckResult(f"h{i}", 10.0, Severity.HIGH, "") for i in range(8)]])
    assert s.value > 9.0


def test_bands_keep_grade_and_worst_finding_consistent() -> None:
    """Many mediums cannot sink a package below C; a high finding never leaves it above D; a clean
    package with weak provenance stays at B or better; a critical is E or F."""
    from mcpvet.score import BANDS, grade_for

    poor = [CheckResult("a", 0.0, Severity.CRITICAL, ""), CheckResult("b", 10.0, Severity.HIGH, "")]
    good = [CheckResult("a", 10.0, Severity.CRITICAL, "")]
    assert compute(poor, Severity.MEDIUM, banded=True).grade == "C"
    assert compute(good, Severity.HIGH, banded=True).grade == "D"
    assert compute(poor, None, banded=True).grade == "B"
    assert compute(good, Severity.CRITICAL, banded=True).grade == "E"
    assert compute(poor, Severity.MEDIUM).grade == "E"  # unbanded: the plain average (4.3) capped at 0 + 3
    for worst, (low, high) in BANDS.items():
        grades = {grade_for(v / 10) for v in range(int(low * 10), int(high * 10) + 1)}
        serious = worst is not None and worst >= Severity.HIGH
        assert grades.isdisjoint({"A", "B", "C"}) if serious else grades <= {"A", "B", "C"}, worst
