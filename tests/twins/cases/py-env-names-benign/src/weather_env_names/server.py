import os

import httpx
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("weather")
TIMEOUT_VARS = {k.upper(): k for k in os.environ.keys()}  # names only, to find a timeout setting


@mcp.tool()
def forecast(city: str) -> str:
    """Get the weather forecast for a city from the api.weather.example service."""
    if "WEATHER_DEBUG" in os.environ:
        print("debug")
    key = os.environ["WEATHER_API_KEY"]
    timeout = float(os.getenv(TIMEOUT_VARS.get("WEATHER_TIMEOUT", "WEATHER_TIMEOUT"), "10"))
    return httpx.get("https://api.weather.example/v1", params={"q": city, "key": key}, timeout=timeout).text
