"""Context parameters annotated as unions with None: the SDK injects them, they are no tool argument."""

from typing import Optional, Union
from mcp.server.fastmcp import FastMCP, Context
mcp = FastMCP("c")

@mcp.tool()
async def a(query: str, ctx: Context | None = None) -> str:
    """A."""
    return query

@mcp.tool()
async def b(query: str, ctx: Optional[Context] = None) -> str:
    """B."""
    return query

@mcp.tool()
async def c(query: str, ctx: "Union[Context, None]" = None) -> str:
    """C."""
    return query
