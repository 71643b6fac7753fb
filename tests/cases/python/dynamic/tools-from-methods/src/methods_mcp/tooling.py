import inspect
from typing import Any

from mcp.types import Tool


def generate_tool(func: Any) -> Tool:
    """Builds a tool from a method."""
    signature = inspect.signature(func)
    docstring = inspect.getdoc(func) or ""
    schema: dict[str, Any] = {
        "name": func.__name__,
        "description": docstring.split("Args:")[0].strip(),
        "inputSchema": {"type": "object", "properties": {}},
    }
    for param_name in signature.parameters:
        schema["inputSchema"]["properties"][param_name] = {"type": "string"}
    return Tool(**schema)
