from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Any, Awaitable, Callable
from zoneinfo import ZoneInfo

from mcp import types
from mcp.server import Server
from mcp.server.stdio import stdio_server

from .system import host_zone

app = Server("tzkit")


async def _convert(args: dict[str, Any]) -> str:
    moment = datetime.fromisoformat(args["time"]).replace(tzinfo=ZoneInfo(args["from_zone"]))
    return moment.astimezone(ZoneInfo(args["to_zone"])).isoformat()


async def _local(args: dict[str, Any]) -> str:
    zone = await host_zone()
    return f"{zone} (now {datetime.now(ZoneInfo(zone)).isoformat(timespec='seconds')})"


HANDLERS: dict[str, Callable[[dict[str, Any]], Awaitable[str]]] = {
    "convert_time": _convert,
    "local_timezone": _local,
}


@app.list_tools()
async def tools() -> list[types.Tool]:
    return [
        types.Tool(
            name="convert_time",
            description="Convert an ISO 8601 local time from one IANA time zone to another.",
            inputSchema={
                "type": "object",
                "properties": {
                    "time": {"type": "string", "description": "Local time, e.g. 2025-03-01T09:30"},
                    "from_zone": {"type": "string"},
                    "to_zone": {"type": "string"},
                },
                "required": ["time", "from_zone", "to_zone"],
            },
        ),
        types.Tool(
            name="local_timezone",
            description="Return the IANA time zone of this computer and its current local time.",
            inputSchema={"type": "object", "properties": {}},
        ),
    ]


@app.call_tool()
async def call(name: str, arguments: dict[str, Any]) -> list[types.TextContent]:
    handler = HANDLERS.get(name)
    if handler is None:
        raise ValueError(f"no such tool: {name}")
    return [types.TextContent(type="text", text=await handler(arguments or {}))]


async def serve() -> None:
    async with stdio_server() as (r, w):
        await app.run(r, w, app.create_initialization_options())


if __name__ == "__main__":
    asyncio.run(serve())
