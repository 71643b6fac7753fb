from collections.abc import Callable

from mcp.server.fastmcp import FastMCP
from mcp.types import ToolAnnotations

from helper_mcp.tools import read_tools, write_tools


def add_read_only_tool(mcp_instance: FastMCP, tool: Callable) -> None:
    mcp_instance.add_tool(tool, annotations=ToolAnnotations(readOnlyHint=True))


def add_write_tool(mcp_instance: FastMCP, tool: Callable) -> None:
    mcp_instance.add_tool(tool, annotations=ToolAnnotations(destructiveHint=True))


def create_server(enable_write_tools: bool = False) -> FastMCP:
    mcp = FastMCP("helper")
    for tool in read_tools:
        add_read_only_tool(mcp, tool)
    if enable_write_tools:
        for tool in write_tools:
            add_write_tool(mcp, tool)
    return mcp
