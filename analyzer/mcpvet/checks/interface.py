"""The check extension point: facts in, findings and one scored result out.

Each check lives in its own module with a docstring (what, why, how to fix); `checks/__init__.py`
lists them explicitly (no registration by import side effect).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from mcpvet.model import AnalysisError, Finding, FrontendResult, Severity, SourceTree, Target, Tool


@dataclass(frozen=True)
class RefusedMember:
    """An archive member that unpacking refused (traversal, link, device, limit …)."""

    path: str
    reason: str


@dataclass(frozen=True)
class Facts:
    """Everything the stages before the checks learned. Checks read this and nothing else."""

    target: Target
    tree: SourceTree | None
    tools: tuple[Tool, ...]
    frontends: tuple[FrontendResult, ...]
    refused_members: tuple[RefusedMember, ...] = ()
    provenance: Any = None  # mcpvet.provenance.Provenance | None
    errors: tuple[AnalysisError, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class CheckOutcome:
    findings: tuple[Finding, ...]
    score: float | None  # 0-10; None = inconclusive (left out of the average, never a pass)
    reason: str
    # parts the check could not cover (a file over a limit, a scan that stopped): errors[] entries
    errors: tuple[AnalysisError, ...] = ()


class Check(Protocol):
    id: str  # the id in score.checks, stable
    risk: Severity  # weight of the check in the score
    rules: tuple[str, ...]  # the finding rule ids it can emit

    def run(self, facts: Facts) -> CheckOutcome: ...
