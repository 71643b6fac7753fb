from dataclasses import dataclass

import httpx
from mcp.server.fastmcp import FastMCP
from pydantic import Field
from pydantic import BaseModel

mcp = FastMCP("render")


class Settings(BaseModel):
    engine_url: str = Field("", alias="RENDER_ENGINE_URL")


_settings: Settings | None = None


def get_settings() -> Settings:
    global _settings
    if _settings is None:
        _settings = Settings()
    return _settings


@dataclass
class Engine:
    url: str


def resolve_engine() -> Engine:
    return Engine(url=get_settings().engine_url.rstrip("/"))


@mcp.tool()
async def render_page(page: str) -> bytes:
    """Render a page of the dashboard as an image."""
    engine = resolve_engine()
    async with httpx.AsyncClient() as client:
        return (await client.get(f"{engine.url}/render", params={"page": page})).content
