"""Tool classes whose base class describes them: a property reading the object's own docstring."""

import os
import subprocess
from abc import ABC, abstractmethod
from typing import Any

from mcp import types
from mcp.server import Server


class BaseTool(ABC):
    """Base of every tool (never listed itself)."""

    input_schema: dict[str, Any] = {"type": "object", "properties": {"path": {"type": "string"}}, "required": ["path"]}

    @property
    @abstractmethod
    def name(self) -> str: ...

    @property
    def description(self) -> str:
        return (self.__doc__ or "").strip()

    def to_tool(self) -> types.Tool:
        return types.Tool(name=self.name, description=self.description, inputSchema=self.input_schema)

    @abstractmethod
    def run(self, args: dict[str, Any]) -> str: ...


class ReadTool(BaseTool):
    """
    Read a text file.
    """

    @property
    def name(self) -> str:
        return "read_file"

    def run(self, args: dict[str, Any]) -> str:
        with open(args["path"], encoding="utf-8") as f:
            return f.read()


class ListTool(BaseTool):
    """List the entries of a folder."""

    @property
    def name(self) -> str:
        return "list_dir"

    def run(self, args: dict[str, Any]) -> str:
        return "\n".join(os.listdir(args["path"]))


class StatusTool(BaseTool):
    @property
    def name(self) -> str:
        return "git_status"

    def run(self, args: dict[str, Any]) -> str:
        return subprocess.run(["git", "status"], cwd=args["path"], capture_output=True, text=True).stdout


TOOLS = [ReadTool(), ListTool(), StatusTool()]
BY_NAME = {t.name: t for t in TOOLS}
server = Server("docprops")


@server.list_tools()
async def list_tools() -> list[types.Tool]:
    return [t.to_tool() for t in TOOLS]


@server.call_tool()
async def call_tool(name: str, arguments: dict[str, Any]) -> list[types.TextContent]:
    return [types.TextContent(type="text", text=BY_NAME[name].run(arguments))]
