from typing import Any

from mcp.server.fastmcp import Context

ToolContext = Context[Any, Any, Any]  # the SDK sees Context through the alias and injects it
