"""A low-level server whose tool table is a list of pydantic models, each dumped into Tool(**…)."""

import os
from typing import Any

from mcp import types
from mcp.server import Server
from pydantic import BaseModel, Field


class ToolSpec(BaseModel):
    name: str
    description: str
    inputSchema: dict[str, Any] = Field(
        default={"type": "object", "properties": {"path": {"type": "string"}}, "required": ["path"]})


SPECS = [
    ToolSpec(name="read_file", description="Read a text file."),
    ToolSpec(name="list_dir", description="List the entries of a folder.",
             inputSchema={"type": "object", "properties": {"path": {"type": "string", "default": "."}}}),
]
server = Server("modelspecs")


@server.list_tools()
async def list_tools() -> list[types.Tool]:
    return [types.Tool(**spec.model_dump()) for spec in SPECS]


@server.call_tool()
async def call_tool(name: str, arguments: dict[str, Any]) -> list[types.TextContent]:
    if name == "read_file":
        with open(arguments["path"], encoding="utf-8") as f:
            return [types.TextContent(type="text", text=f.read())]
    return [types.TextContent(type="text", text="\n".join(os.listdir(arguments.get("path", "."))))]
