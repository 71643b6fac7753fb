"""Tools collected by name into a dict, with the description given to the decorator."""

from typing import Any, Callable

TOOLS: dict[str, dict[str, Any]] = {}


def register_tool(name: str | None = None, description: str | None = None) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def decorator(fn: Callable[..., Any]) -> Callable[..., Any]:
        tool_name = name if name is not None else fn.__name__
        TOOLS[tool_name] = {"fn": fn, "description": description}
        return fn

    return decorator


def registered_tools() -> dict[str, dict[str, Any]]:
    return TOOLS.copy()
