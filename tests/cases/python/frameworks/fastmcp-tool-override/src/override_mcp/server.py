import inspect
import os
from typing import Any

from fastmcp import FastMCP

from override_mcp.errors import handle_tool_errors


class ErrorPreservingFastMCP(FastMCP):
    def tool(self, name_or_fn: Any = None, **kwargs: Any) -> Any:
        if inspect.isroutine(name_or_fn):
            return super().tool(handle_tool_errors(name_or_fn), **kwargs)
        if isinstance(name_or_fn, str):
            kwargs = {**kwargs, "name": name_or_fn}

        def decorator(fn):
            return super(ErrorPreservingFastMCP, self).tool(handle_tool_errors(fn), **kwargs)

        return decorator


mcp = ErrorPreservingFastMCP("override")


@mcp.tool
async def read_config(path: str) -> str:
    """Read a configuration file."""
    with open(path) as fh:
        return fh.read()


@mcp.tool(name="whoami")
async def current_user() -> str:
    """Tell the current user."""
    return os.environ.get("USER", "")
