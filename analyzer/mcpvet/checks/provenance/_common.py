"""Helpers shared by the provenance checks."""

from __future__ import annotations

from mcpvet.checks.interface import Facts
from mcpvet.provenance import Provenance


def provenance_of(facts: Facts) -> Provenance | None:
    """The Provenance value, or None when the provenance stage did not run."""
    return facts.provenance if isinstance(facts.provenance, Provenance) else None


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"
