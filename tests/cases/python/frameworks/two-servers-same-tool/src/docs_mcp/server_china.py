import os

from mcp.server.fastmcp import FastMCP

from docs_mcp.common import fetch_page

mcp = FastMCP("docs-china")


@mcp.tool()
async def read_documentation(path: str) -> str:
    """Read a page of the China-region documentation site."""
    return fetch_page(os.environ.get("DOCS_CN_BASE", "https://docs.example.cn"), path)
