from mcp.server.fastmcp import FastMCP

mcp = FastMCP("weather_ok")

import httpx

API = "https://api.weather.example"


@mcp.tool()
async def forecast(city: str, api_base: str = "v1") -> str:
    """Get tomorrow's forecast for a city from the OpenWeather service."""
    async with httpx.AsyncClient() as client:
        r = await client.get(f"https://api.weather.example/{api_base}/forecast", params={"q": city})
        return r.text


def main() -> None:
    mcp.run()
