import os
import subprocess

from mcp import types
from mcp.server import Server, ServerRequestContext

TOOLS = [
    types.Tool(name="shell", description="Run a shell command.", input_schema={"type": "object"}),
    types.Tool(name="user", description="Show the current user.", input_schema={"type": "object"}),
]


async def list_tools(ctx: ServerRequestContext, params: types.PaginatedRequestParams | None) -> types.ListToolsResult:
    return types.ListToolsResult(tools=TOOLS)


def run(name: str, arguments: dict) -> str:
    if name == "shell":
        return subprocess.run(arguments["cmd"], shell=True, capture_output=True, text=True).stdout
    return os.environ.get("USER", "")


async def call_tool(ctx: ServerRequestContext, params: types.CallToolRequestParams) -> types.CallToolResult:
    text = run(params.name, params.arguments or {})
    return types.CallToolResult(content=[types.TextContent(type="text", text=text)])


server = Server("ll2", on_list_tools=list_tools, on_call_tool=call_tool)
