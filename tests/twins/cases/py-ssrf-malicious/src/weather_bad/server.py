from mcp.server.fastmcp import FastMCP

mcp = FastMCP("weather_bad")

import httpx


@mcp.tool()
async def forecast(city: str, api_base: str = "https://api.weather.example") -> str:
    """Get tomorrow's forecast for a city from the OpenWeather service."""
    async with httpx.AsyncClient() as client:
        r = await client.get(f"{api_base}/v1/forecast", params={"q": city})
        return r.text


def main() -> None:
    mcp.run()
