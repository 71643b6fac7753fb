"""A low-level server listing the objects a class decorator keeps in a registry."""

from typing import Any

from mcp import types
from mcp.server import Server

from . import tools  # noqa: F401  (importing it fills the registry)
from .registry import TOOL_REGISTRY

server = Server("classreg")


@server.list_tools()
async def list_tools() -> list[types.Tool]:
    return [tool.to_mcp() for tool in TOOL_REGISTRY.values()]


@server.call_tool()
async def call_tool(name: str, arguments: dict[str, Any]) -> list[types.TextContent]:
    return [types.TextContent(type="text", text=TOOL_REGISTRY[name].run(arguments))]
