import asyncio
import json

import mcp.server.stdio
from google.adk.tools.function_tool import FunctionTool
from google.adk.tools.mcp_tool.conversion_utils import adk_to_mcp_tool_type
from mcp import types
from mcp.server.lowlevel import Server

from adk_tools_mcp.tools import (
    _read_setting_description,
    _run_command_description,
    list_folder,
    read_setting,
    remove_file,
    run_command,
)

run_command_tool = FunctionTool(run_command)
run_command_tool.description = _run_command_description()

read_setting_tool = FunctionTool(read_setting)
read_setting_tool.description = _read_setting_description()

TOOLS = [
    FunctionTool(list_folder),
    run_command_tool,
    read_setting_tool,
]
# made but never listed: not a tool of the server
SPARE = FunctionTool(remove_file)


def _to_mcp(tools: list[FunctionTool]) -> list[types.Tool]:
    return [adk_to_mcp_tool_type(t) for t in tools]


MCP_TOOLS = _to_mcp(TOOLS)
TOOL_MAP = {t.name: t for t in TOOLS}

app = Server("adk-tools")


@app.list_tools()
async def list_tools() -> list[types.Tool]:
    return MCP_TOOLS


@app.call_tool()
async def call_tool(name: str, arguments: dict) -> list[types.TextContent]:
    result = await TOOL_MAP[name].run_async(args=arguments, tool_context=None)
    return [types.TextContent(type="text", text=json.dumps(result))]


async def main() -> None:
    async with mcp.server.stdio.stdio_server() as (read, write):
        await app.run(read, write, app.create_initialization_options())


if __name__ == "__main__":
    asyncio.run(main())
