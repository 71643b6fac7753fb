"""Language frontends, listed explicitly by the languages they read."""

from __future__ import annotations

from mcpvet.frontends.interface import LanguageFrontend
from mcpvet.model import Language


def frontend_for(language: Language) -> LanguageFrontend | None:
    """The frontend that reads `language`, or None where mcpvet has none yet."""
    if language in (Language.JAVASCRIPT, Language.TYPESCRIPT):
        return _javascript()
    if language is Language.PYTHON:
        from mcpvet.frontends.python import PythonFrontend

        return PythonFrontend()
    return None


_JS_FRONTEND: list[LanguageFrontend] = []


def _javascript() -> LanguageFrontend:
    """One JavaScriptFrontend for both JavaScript and TypeScript (api runs each distinct frontend once)."""
    if not _JS_FRONTEND:
        from mcpvet.frontends.javascript import JavaScriptFrontend

        _JS_FRONTEND.append(JavaScriptFrontend())
    return _JS_FRONTEND[0]


__all__ = ["LanguageFrontend", "frontend_for"]
