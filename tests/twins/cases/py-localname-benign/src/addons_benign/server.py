import os

import httpx
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("addons")


def base_url() -> str:
    return os.environ.get("ADDONS_BASE_URL", "http://supervisor")


async def call(endpoint: str) -> dict:
    async with httpx.AsyncClient(base_url=base_url()) as client:
        return (await client.get(endpoint)).json()


@mcp.tool()
async def get_app(slug: str) -> dict:
    """Get the details of one installed app by its slug."""
    return await call(f"/addons/{slug}/info")
