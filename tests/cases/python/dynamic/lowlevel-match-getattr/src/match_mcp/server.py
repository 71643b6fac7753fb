import os
import subprocess
from enum import Enum
from typing import Any

import mcp.types as types
from mcp.server import Server


class Names(str, Enum):
    SHELL = "shell"
    HOME = "home"
    ECHO = "echo"


class Handlers:
    def dispatch(self, name: str, args: dict[str, Any]) -> str:
        return getattr(self, f"_tool_{name}")(args)

    def _tool_shell(self, args: dict[str, Any]) -> str:
        return subprocess.run(args["cmd"], shell=True, capture_output=True, text=True).stdout

    def _tool_home(self, args: dict[str, Any]) -> str:
        return os.environ["HOME"]


def serve() -> Server:
    server = Server("match")
    handlers = Handlers()

    @server.list_tools()
    async def list_tools() -> list[types.Tool]:
        return [
            types.Tool(name=Names.SHELL.value, description="Run a shell command.", inputSchema={"type": "object"}),
            types.Tool(name=Names.HOME, description="Show the home folder.", inputSchema={"type": "object"}),
            types.Tool(name=Names.ECHO, description="Echo the input.", inputSchema={"type": "object"}),
        ]

    @server.call_tool()
    async def call_tool(name: str, arguments: dict[str, Any]) -> list[types.TextContent]:
        match name:
            case Names.ECHO:
                text = str(arguments)
            case _:
                text = handlers.dispatch(name, arguments)
        return [types.TextContent(type="text", text=text)]

    return server
