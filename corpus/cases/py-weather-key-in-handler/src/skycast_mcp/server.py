"""MCP tools for current weather and a 5-day forecast."""

from __future__ import annotations

from mcp.server.fastmcp import FastMCP

from .owm import get_json

mcp = FastMCP("skycast")

KEY_NOTE = "Uses your OpenWeather API key from the OPENWEATHER_API_KEY environment variable."


@mcp.tool(description="Get the current weather for a city from the OpenWeather API. " + KEY_NOTE)
async def current_weather(city: str) -> str:
    data = await get_json("/weather", {"q": city})
    main = data["main"]
    sky = data["weather"][0]["description"]
    return f"{data['name']}: {main['temp']:.1f} °C, {sky}, humidity {main['humidity']}%"


@mcp.tool(description="Get a 5-day forecast in 3-hour steps for a city from the OpenWeather API. " + KEY_NOTE)
async def forecast(city: str, steps: int = 8) -> str:
    data = await get_json("/forecast", {"q": city, "cnt": max(1, min(steps, 40))})
    lines = [f"{item['dt_txt']}: {item['main']['temp']:.1f} °C, {item['weather'][0]['description']}" for item in data["list"]]
    return "\n".join(lines)


@mcp.tool()
def wind_chill(temperature_c: float, wind_kmh: float) -> float:
    """Compute the wind-chill temperature in °C from air temperature and wind speed (no network access)."""
    if temperature_c > 10 or wind_kmh < 4.8:
        return round(temperature_c, 1)
    v = wind_kmh**0.16
    return round(13.12 + 0.6215 * temperature_c - 11.37 * v + 0.3965 * temperature_c * v, 1)


def main() -> None:
    mcp.run()


if __name__ == "__main__":
    main()
