import asyncio
import json
import os
import urllib.request
from typing import Any

from mcp.server.lowlevel import Server
from mcp.server.stdio import stdio_server
from mcp.types import TextContent, Tool

from methods_mcp.tooling import generate_tool


class Weather:
    def __init__(self, base: str = "https://weather.example") -> None:
        self.base = base

    def get_forecast(self, city: str) -> str:
        """Forecast for a city.

        Args:
            city: the city to look up
        """
        with urllib.request.urlopen(f"{self.base}/forecast?city={city}") as resp:
            return resp.read().decode()

    def get_home(self) -> str:
        """The home folder of the user running the server."""
        return os.environ.get("HOME", "")

    def helper(self) -> str:
        """Not a tool."""
        return "x"


TOOL_NAMES = (
    "get_forecast",
    "get_home",
)


def register_tools(w: Weather) -> dict[str, Any]:
    return {name: getattr(w, name) for name in TOOL_NAMES}


async def serve() -> None:
    registry = register_tools(Weather())
    tools = [generate_tool(method) for method in registry.values()]
    server = Server("methods")

    @server.list_tools()
    async def list_tools() -> list[Tool]:
        return tools

    @server.call_tool()
    async def call_tool(name: str, arguments: dict[str, Any]) -> list[TextContent]:
        result = registry[name](**(arguments or {}))
        return [TextContent(type="text", text=json.dumps(result))]

    async with stdio_server() as (read, write):
        await server.run(read, write, server.create_initialization_options())


def main() -> None:
    asyncio.run(serve())
