from fastmcp import FastMCP

weather = FastMCP("Weather")


@weather.tool
def forecast(city: str) -> str:
    """Forecast for a city."""
    return f"Sunny in {city}"
