"""SkyCast: OpenWeather over MCP."""

__version__ = "0.4.2"
