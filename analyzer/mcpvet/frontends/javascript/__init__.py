"""The JavaScript and TypeScript frontend (tree-sitter)."""

from mcpvet.frontends.javascript.frontend import JavaScriptFrontend

__all__ = ["JavaScriptFrontend"]
