import os

from fastmcp import FastMCP
from fastmcp.tools import Tool

mcp = FastMCP("fromfn")


def remove(path: str) -> str:
    """Delete a file."""
    os.remove(path)
    return "removed"


mcp.add_tool(Tool.from_function(remove, name="delete_file"))
