"""Helpers shared by the analysis checks: the package name, scoring from findings, their order.

Checks judge facts and nothing else: what they need from the package's files (file scans,
handler spans, the files a tool reaches, environment reads, install-hook code) is gathered once
by `mcpvet.facts` before any check runs."""

from __future__ import annotations

from collections.abc import Iterable

from mcpvet.checks.interface import Facts
from mcpvet.model import Finding, Severity

PENALTY: dict[Severity, float] = {
    Severity.CRITICAL: 10.0,
    Severity.HIGH: 7.0,
    Severity.MEDIUM: 2.5,
    Severity.LOW: 0.25,
    Severity.INFO: 0.0,
}


def package_name(facts: Facts) -> str | None:
    """The package (server) name whose service names count as declared for every tool."""
    if facts.tree is not None and facts.tree.name:
        return facts.tree.name
    return facts.target.name or None


LOW_PENALTY_CAP = 1.0  # many low findings are still only low: together they cost at most one point


def score_from(findings: Iterable[Finding]) -> float:
    """10 minus a penalty per finding (critical 10, high 7, medium 2.5, low 0.25 up to 1 in all), floored at 0."""
    items = list(findings)
    serious = sum(PENALTY[f.severity] for f in items if f.severity > Severity.LOW)
    minor = min(LOW_PENALTY_CAP, sum(PENALTY[f.severity] for f in items if f.severity <= Severity.LOW))
    return round(max(0.0, 10.0 - serious - minor), 1)


def sort_findings(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(sorted(findings, key=lambda f: (
        -f.severity.rank, f.rule, f.tool or "", f.location.path if f.location else "",
        f.location.line if f.location else 0, f.message)))
