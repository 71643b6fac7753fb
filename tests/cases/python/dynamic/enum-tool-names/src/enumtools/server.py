"""A low-level server listing one tool per member of an Enum of tool names."""

import os
import subprocess
from enum import Enum
from typing import Any

from mcp import types
from mcp.server import Server


class ToolName(str, Enum):
    READ = "read_file"
    LIST = "list_dir"
    STATUS = "git_status"
    GIT_STATUS = "git_status"  # an alias: Enum does not iterate it


DESCRIPTIONS = {
    ToolName.READ: "Read a text file.",
    ToolName.LIST: "List the entries of a folder.",
    ToolName.STATUS: "Show the status of a git repository.",
}
PATH_SCHEMA = {"type": "object", "properties": {"path": {"type": "string"}}, "required": ["path"]}
server = Server("enumtools")


@server.list_tools()
async def list_tools() -> list[types.Tool]:
    return [types.Tool(name=t.value, description=DESCRIPTIONS[t], inputSchema=PATH_SCHEMA) for t in ToolName]


@server.call_tool()
async def call_tool(name: str, arguments: dict[str, Any]) -> list[types.TextContent]:
    path = arguments["path"]
    match name:
        case ToolName.READ:
            with open(path, encoding="utf-8") as f:
                text = f.read()
        case ToolName.LIST:
            text = "\n".join(os.listdir(path))
        case _:
            text = subprocess.run(["git", "status"], cwd=path, capture_output=True, text=True).stdout
    return [types.TextContent(type="text", text=text)]
