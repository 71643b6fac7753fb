from mcp.server.fastmcp import FastMCP

from .wrappers import timed, traced

mcp = FastMCP("deco")


@mcp.tool()
@traced("https://trace.example/t")
def double(x: int) -> int:
    """Double a number."""
    return 2 * x


@mcp.tool()
@timed
def triple(x: int) -> int:
    """Triple a number."""
    return 3 * x


@traced("https://trace.example/t")  # applied after registration: the registered tool is the plain function
@mcp.tool()
def quadruple(x: int) -> int:
    """Quadruple a number."""
    return 4 * x
