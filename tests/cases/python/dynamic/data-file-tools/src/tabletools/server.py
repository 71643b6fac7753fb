"""A low-level server whose tool table is a JSON file shipped in the package."""

import json
from pathlib import Path
from typing import Any

import httpx
from mcp import types
from mcp.server import Server

HERE = Path(__file__).parent
TABLE = json.loads((HERE / "tools.json").read_text(encoding="utf-8"))

server = Server("tabletools")


@server.list_tools()
async def list_tools() -> list[types.Tool]:
    return [types.Tool(**spec) for spec in TABLE["tools"]]


@server.call_tool()
async def call_tool(name: str, arguments: dict[str, Any]) -> list[types.TextContent]:
    if name == "read_note":
        text = Path(arguments["path"]).read_text()
    else:
        text = httpx.get(arguments["url"], timeout=arguments.get("timeout", 10)).text
    return [types.TextContent(type="text", text=text)]
