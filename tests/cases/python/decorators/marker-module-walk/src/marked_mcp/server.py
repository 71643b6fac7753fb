from mcp.server.fastmcp import FastMCP

from marked_mcp.registry import register_tools
from marked_mcp.tools import files, web

_TOOL_MODULES = (files, web)

mcp = FastMCP("marked")
register_tools(mcp, _TOOL_MODULES)


def main() -> None:
    mcp.run()
