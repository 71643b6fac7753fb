from mcp.server.fastmcp import FastMCP

from .api import Api, poll

mcp = FastMCP("attrs")
api = Api("https://api.example")


@mcp.tool()
def fetch(path: str) -> str:
    """Fetch a path of the API."""
    return api.fetch(path)


@mcp.tool()
def base() -> str:
    """Show the API base URL."""
    return api.local()


@mcp.tool()
async def check(url: str) -> str:
    """Poll a URL."""
    return str(await poll(None, url))
