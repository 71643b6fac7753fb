"""Tools are marked where they are written and registered later by walking the tool modules."""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType
from typing import Any

_MARK = "__marked_mcp_tool__"


@dataclass(frozen=True)
class ToolDefinition:
    name: str
    options: dict[str, Any]


def tool(name: str, **options: Any):
    """Mark a function as a tool without a server."""

    def decorate(function):
        setattr(function, _MARK, ToolDefinition(name, options))
        return function

    return decorate


def register_tools(server: Any, modules: tuple[ModuleType, ...]) -> set[str]:
    definitions = {}
    for module in modules:
        for function in vars(module).values():
            definition = getattr(function, _MARK, None)
            if isinstance(definition, ToolDefinition):
                definitions[definition.name] = (function, definition)
    for name in sorted(definitions):
        function, definition = definitions[name]
        server.tool(name, **dict(definition.options))(function)
    return set(definitions)
