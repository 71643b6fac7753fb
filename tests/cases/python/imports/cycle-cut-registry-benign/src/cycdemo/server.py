from mcp.server.fastmcp import FastMCP

from .registry import ACTIONS, lookup_action

mcp = FastMCP("cycdemo")


@mcp.tool(name=f"note_{ACTIONS[0].__name__}")
def read_note(path: str) -> str:
    """Read a note."""
    return lookup_action()(path)
