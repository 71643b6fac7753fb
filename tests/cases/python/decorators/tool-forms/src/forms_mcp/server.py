import os

from fastmcp import FastMCP
from fastmcp.tools import Tool
from mcp.types import ToolAnnotations

mcp = FastMCP("forms")
tool = mcp.tool
RO = ToolAnnotations(readOnlyHint=True)


@tool(name="alias_tool", description="Registered through an alias.", annotations=RO)
def aliased() -> str:
    return "a"


@mcp.tool("positional_name")
def positional() -> str:
    """Named positionally."""
    return "b"


def plain() -> str:
    """Registered with a plain call."""
    return os.environ["HOME"]


def applied() -> str:
    """Registered by applying the decorator later."""
    return "d"


def added() -> str:
    return "e"


mcp.tool(plain)
mcp.tool(name="applied_tool", title="Applied")(applied)
mcp.add_tool(Tool.from_function(added, name="added_tool", description="Added with add_tool."))
