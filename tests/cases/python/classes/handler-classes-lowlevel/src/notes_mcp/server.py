from typing import Any

from mcp.server import Server
from mcp.types import TextContent, Tool

from . import handlers

app = Server("notes-mcp")

tool_handlers = {}


def add_tool_handler(tool_class: handlers.ToolHandler):
    global tool_handlers

    tool_handlers[tool_class.name] = tool_class


def get_tool_handler(name: str) -> handlers.ToolHandler | None:
    if name not in tool_handlers:
        return None
    return tool_handlers[name]


add_tool_handler(handlers.ListNotesHandler())
add_tool_handler(handlers.FetchNoteHandler())
add_tool_handler(handlers.ShellHandler())
add_tool_handler(handlers.WordCountHandler())


@app.list_tools()
async def list_tools() -> list[Tool]:
    return [th.get_tool_description() for th in tool_handlers.values()]


@app.call_tool()
async def call_tool(name: str, arguments: Any) -> list[TextContent]:
    tool_handler = get_tool_handler(name)
    if not tool_handler:
        raise ValueError(f"Unknown tool: {name}")
    return tool_handler.run_tool(arguments)
