"""Declared capabilities: what a tool's name, description, schema and annotations admit to.

First version: admits nothing (every capability is undeclared). The behaviour work replaces it.
"""

from __future__ import annotations

from mcpvet.model import DeclaredCapability, Tool


def declared_capabilities(tool: Tool) -> tuple[DeclaredCapability, ...]:
    return ()
