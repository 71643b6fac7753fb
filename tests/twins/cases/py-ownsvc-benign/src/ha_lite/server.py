import os

import httpx
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("ha-lite")


class Settings:
    def __init__(self) -> None:
        self.homeassistant_url = os.environ.get("HOMEASSISTANT_URL", "http://homeassistant.local:8123")
        self.homeassistant_token = os.environ.get("HOMEASSISTANT_TOKEN", "")


class HomeAssistantClient:
    def __init__(self, settings: Settings) -> None:
        self.httpx_client = httpx.AsyncClient(
            base_url=f"{settings.homeassistant_url}/api",
            headers={"Authorization": f"Bearer {settings.homeassistant_token}"},
        )

    async def guarded_request(self, method: str, endpoint: str, **kwargs: object) -> httpx.Response:
        return await self.httpx_client.request(method, endpoint, **kwargs)


CLIENT = HomeAssistantClient(Settings())


@mcp.tool()
async def ha_config_set_theme(file: str, content: str) -> dict:
    """Write a theme file in themes/*.yaml; this tool performs the reload itself (frontend.reload_themes),
    no HA restart needed."""
    response = await CLIENT.guarded_request("POST", "/services/mcp_tools/write_theme",
                                            json={"file": file, "content": content})
    return response.json()
