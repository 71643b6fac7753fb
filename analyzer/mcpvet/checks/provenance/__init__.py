"""Checks on provenance: registry history, repository, attestations, dependencies, names, secrets."""

from __future__ import annotations

from mcpvet.checks.interface import Check

CHECKS: tuple[Check, ...] = ()
