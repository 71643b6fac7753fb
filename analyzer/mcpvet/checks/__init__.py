"""Every check, listed explicitly. Facts in, findings and scored results out."""

from __future__ import annotations

from mcpvet.checks.analysis import CHECKS as ANALYSIS_CHECKS
from mcpvet.checks.archive import CHECKS as ARCHIVE_CHECKS
from mcpvet.checks.interface import Check, CheckOutcome, Facts
from mcpvet.checks.provenance import CHECKS as PROVENANCE_CHECKS

ALL_CHECKS: tuple[Check, ...] = (*ANALYSIS_CHECKS, *ARCHIVE_CHECKS, *PROVENANCE_CHECKS)

__all__ = ["ALL_CHECKS", "Check", "CheckOutcome", "Facts"]
