"""Archive checks (owned by the fetch/unpack work). Filled in by the unpacking stage's author."""

from __future__ import annotations

from mcpvet.checks.interface import Check

CHECKS: tuple[Check, ...] = ()
