from typing import Any


def register_tool_methods(mcp: Any, instance: Any) -> None:
    """Register every @tool-marked method of an instance."""
    for attr in dir(instance):
        method = getattr(instance, attr)
        if callable(method) and hasattr(method, "__fastmcp__"):
            mcp.add_tool(method)
