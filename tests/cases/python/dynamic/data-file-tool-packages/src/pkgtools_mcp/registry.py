"""Tools collected by a decorator; their modules imported by name."""

import importlib
from typing import Any, Callable

REGISTRY: dict[str, tuple[Callable[..., Any], str]] = {}
MODULES = {"read_note": "notes", "search_notes": "notes", "delete_note": "admin"}


def register_tool(name: str, *, description: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def decorator(fn: Callable[..., Any]) -> Callable[..., Any]:
        REGISTRY[name] = (fn, description)
        return fn

    return decorator


def discover(enabled: set[str]) -> dict[str, tuple[Callable[..., Any], str]]:
    for module in sorted({MODULES[n] for n in enabled if n in MODULES}):
        importlib.import_module(f"pkgtools_mcp.tools.{module}")
    return {k: v for k, v in REGISTRY.items() if k in enabled}
