from mcp.server.fastmcp import FastMCP

from docs_mcp.common import fetch_page

mcp = FastMCP("docs-global")


@mcp.tool()
async def read_documentation(path: str) -> str:
    """Read a page of the global documentation site."""
    return fetch_page("https://docs.example.com", path)


@mcp.tool()
async def search_documentation(query: str) -> str:
    """Search the global documentation."""
    return fetch_page("https://search.docs.example.com", query)
