import json
from pathlib import Path

import httpx
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("forecast")
CONFIG = Path.home() / ".forecast-mcp" / "config.json"
_settings: dict | None = None


def settings() -> dict:
    """Load the settings once; the first run writes the defaults to config.json."""
    global _settings
    if _settings is None:
        if not CONFIG.exists():
            CONFIG.parent.mkdir(parents=True, exist_ok=True)
            CONFIG.write_text(json.dumps({"units": "metric"}))
        _settings = json.loads(CONFIG.read_text())
    return _settings


def client() -> httpx.Client:
    return httpx.Client(base_url="https://api.open-meteo.com", params={"units": settings()["units"]})


@mcp.tool(annotations={"readOnlyHint": True})
def forecast(city: str) -> str:
    """Get the weather forecast for a city from the Open-Meteo web API."""
    return client().get("/v1/forecast", params={"city": city}).text


@mcp.tool(annotations={"readOnlyHint": True})
def air_quality(city: str) -> str:
    """Get the air quality for a city from the Open-Meteo web API."""
    return client().get("/v1/air-quality", params={"city": city}).text


@mcp.tool(annotations={"readOnlyHint": True})
def sunrise(city: str) -> str:
    """Get sunrise and sunset times for a city from the Open-Meteo web API."""
    return client().get("/v1/astronomy", params={"city": city}).text
