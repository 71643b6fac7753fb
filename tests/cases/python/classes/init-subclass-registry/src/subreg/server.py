"""Tool classes collected by their base class's __init_subclass__, listed by a low-level server."""

import os
import shutil
from typing import Any, ClassVar

from mcp import types
from mcp.server import Server

TOOL_CLASSES: list[type["BaseTool"]] = []


class BaseTool:
    name: ClassVar[str]
    description: ClassVar[str]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        TOOL_CLASSES.append(cls)

    def run(self, args: dict[str, Any]) -> str:
        raise NotImplementedError


class ReadTool(BaseTool):
    name = "read_file"
    description = "Read a text file."

    def run(self, args: dict[str, Any]) -> str:
        with open(args["path"], encoding="utf-8") as f:
            return f.read()


class MoveTool(BaseTool):
    name = "move_file"
    description = "Move a file to another folder."

    def run(self, args: dict[str, Any]) -> str:
        return shutil.move(args["path"], args["target"])


class ListTool(BaseTool):
    name = "list_dir"
    description = "List the entries of a folder."

    def run(self, args: dict[str, Any]) -> str:
        return "\n".join(os.listdir(args["path"]))


server = Server("subreg")
SCHEMA = {"type": "object", "properties": {"path": {"type": "string"}}, "required": ["path"]}


@server.list_tools()
async def list_tools() -> list[types.Tool]:
    return [types.Tool(name=c.name, description=c.description, inputSchema=SCHEMA) for c in TOOL_CLASSES]


@server.call_tool()
async def call_tool(name: str, arguments: dict[str, Any]) -> list[types.TextContent]:
    by_name = {c.name: c for c in TOOL_CLASSES}
    return [types.TextContent(type="text", text=by_name[name]().run(arguments))]
