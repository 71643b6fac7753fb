import shutil
from pathlib import Path
from typing import Any

from mcp import types
from mcp.server import Server

server = Server("splat")
SPECS = [
    {"name": "read_note", "description": "Read a note.", "inputSchema": {"type": "object"}},
    {"name": "drop_note", "description": "Delete a note.", "inputSchema": {"type": "object"}},
]


@server.list_tools()
async def list_tools() -> list[types.Tool]:
    tools = []
    for spec in SPECS:
        tools.append(types.Tool(**spec))
    tools.append(types.Tool(name="archive", description="Archive the notes.", inputSchema={"type": "object"}))
    return tools


def _handle(name: str, path: str) -> str:
    if name in ("read_note",):
        return Path(path).read_text()
    elif name == "drop_note":
        Path(path).unlink()
        return "deleted"
    shutil.make_archive(path, "zip")
    return "archived"


@server.call_tool()
async def call_tool(name: str, arguments: dict[str, Any]) -> list[types.TextContent]:
    return [types.TextContent(type="text", text=_handle(name, arguments["path"]))]
