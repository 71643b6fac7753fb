"""Language frontends, listed explicitly by the languages they read."""

from __future__ import annotations

from mcpvet.frontends.interface import LanguageFrontend
from mcpvet.model import Language


def frontend_for(language: Language) -> LanguageFrontend | None:
    """The frontend that reads `language`, or None where mcpvet has none yet."""
    return None


__all__ = ["LanguageFrontend", "frontend_for"]
