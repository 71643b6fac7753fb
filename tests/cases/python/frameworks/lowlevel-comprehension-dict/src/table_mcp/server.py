from typing import Any

from mcp import types
from mcp.server.lowlevel import Server

from .specs import SCHEMA, SPECS

app = Server("table")
HANDLERS = {name: fn for name, _desc, fn in SPECS}


@app.list_tools()
async def tools() -> list[types.Tool]:
    return [types.Tool(name=n, description=d, inputSchema=SCHEMA) for n, d, _ in SPECS]


@app.call_tool()
async def call(name: str, arguments: dict[str, Any]) -> list[types.TextContent]:
    handler = HANDLERS[name]
    return [types.TextContent(type="text", text=handler(arguments))]
