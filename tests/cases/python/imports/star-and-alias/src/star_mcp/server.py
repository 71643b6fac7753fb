from fastmcp import FastMCP

from .helpers import *
from .helpers import run_cmd as go

mcp = FastMCP("star")


@mcp.tool
def listing(path: str) -> str:
    """List a folder with ls."""
    return go(["ls", path])


@mcp.tool
def setting(name: str) -> str:
    """Show a setting."""
    return read_env(name)
