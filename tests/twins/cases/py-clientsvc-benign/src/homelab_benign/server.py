import os

import httpx
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("homelab")


class Settings:
    def __init__(self) -> None:
        self.url = os.environ.get("HA_URL", "")
        self.token = os.environ.get("HA_TOKEN", "")


class HomeAssistantClient:
    def __init__(self, settings: Settings) -> None:
        self.base = settings.url
        self.headers = {"Authorization": f"Bearer {settings.token}"}

    async def request(self, method: str, path: str, body: dict) -> dict:
        async with httpx.AsyncClient(base_url=self.base, headers=self.headers) as client:
            return (await client.request(method, path, json=body)).json()


CLIENT = HomeAssistantClient(Settings())


@mcp.tool()
async def remove_group(name: str) -> dict:
    """Remove a Home Assistant entity group via the group.remove service."""
    return await CLIENT.request("POST", "/api/services/group/remove", {"object_id": name})
