"""The check extension point: facts in, findings and one scored result out.

Each check lives in its own module with a docstring (what, why, how to fix); `checks/__init__.py`
lists them explicitly (no registration by import side effect). A check is any object with the
three read-only attributes and the `run` method of `Check` (checks are frozen dataclasses);
tests/checks/test_protocol.py holds every listed check to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from mcpvet.facts import Facts as Facts  # the bundle checks read, gathered by `mcpvet.facts`
from mcpvet.model import AnalysisError, Finding, Severity


@dataclass(frozen=True)
class CheckOutcome:
    findings: tuple[Finding, ...]
    score: float | None  # 0-10; None = inconclusive (left out of the average, never a pass)
    reason: str
    # parts the check could not cover (a file over a limit, a scan that stopped): errors[] entries
    errors: tuple[AnalysisError, ...] = ()


@runtime_checkable
class Check(Protocol):
    """Read-only attributes, so that a frozen dataclass satisfies the protocol."""

    @property
    def id(self) -> str:
        """The id in score.checks, stable."""
        ...

    @property
    def risk(self) -> Severity:
        """Weight of the check in the score."""
        ...

    @property
    def rules(self) -> tuple[str, ...]:
        """The finding rule ids it can emit (each documented in docs/rules.md)."""
        ...

    def run(self, facts: Facts) -> CheckOutcome: ...
