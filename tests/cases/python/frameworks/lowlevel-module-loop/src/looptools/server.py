"""A low-level server whose tools are built at import, one per entry of a table, in a loop."""

from pathlib import Path
from typing import Any

import httpx
from mcp import types
from mcp.server import Server

PATH_SCHEMA = {"type": "object", "properties": {"path": {"type": "string"}}, "required": ["path"]}
SPECS = [
    {"name": "read_note", "description": "Read one note."},
    {"name": "fetch_url", "description": "Fetch a web page.",
     "schema": {"type": "object", "properties": {"url": {"type": "string"}}, "required": ["url"]}},
]

TOOLS: list[types.Tool] = []
for spec in SPECS:
    TOOLS.append(types.Tool(name=spec["name"], description=spec["description"],
                            inputSchema=spec.get("schema", PATH_SCHEMA)))

server = Server("looptools")


@server.list_tools()
async def list_tools() -> list[types.Tool]:
    return TOOLS


@server.call_tool()
async def call_tool(name: str, arguments: dict[str, Any]) -> list[types.TextContent]:
    if name == "read_note":
        text = Path(arguments["path"]).read_text()
    else:
        text = httpx.get(arguments["url"]).text
    return [types.TextContent(type="text", text=text)]
