import httpx
from mcp.server.fastmcp import FastMCP

from ha_hist.config import HA_URL

mcp = FastMCP("ha")


@mcp.tool()
async def get_history(entity_id: str) -> dict:
    """Get the history of an entity's state changes."""
    async with httpx.AsyncClient() as client:
        r = await client.get(f"{HA_URL}/api/history/{entity_id}")
        return r.json()
