"""Saved sessions: every argument model checks its own fields when it is built."""
import asyncio
import os
import re
from dataclasses import dataclass
from typing import Any

import mcp.types as types
from mcp.server.lowlevel import Server
from mcp.server.stdio import stdio_server
from pydantic import BaseModel, field_validator

STATE_DIR = os.path.expanduser("~/.statestore")
server = Server("statestore-ok")


def normalize_session(session_id: str) -> str:
    """Keep word characters only."""
    return re.sub(r"[^\w]", "", session_id)


class LoadSession(BaseModel):
    session_id: str

    def model_post_init(self, __context: Any) -> None:
        self.session_id = normalize_session(self.session_id)


class ReadNote(BaseModel):
    note: str

    @field_validator("note")
    @classmethod
    def known_note(cls, v: str) -> str:
        if v not in ("todo.md", "ideas.md"):
            raise ValueError("unknown note")
        return v


@dataclass
class ReadPage:
    page: str

    def __post_init__(self) -> None:
        self.page = os.path.basename(self.page)


TOOLS = [
    types.Tool(name="load_session", description="Load a saved session's state.",
               inputSchema={"type": "object", "properties": {"session_id": {"type": "string"}}, "required": ["session_id"]}),
    types.Tool(name="read_note", description="Read one of the saved notes.",
               inputSchema={"type": "object", "properties": {"note": {"type": "string"}}, "required": ["note"]}),
    types.Tool(name="read_page", description="Read a saved page file.",
               inputSchema={"type": "object", "properties": {"page": {"type": "string"}}, "required": ["page"]}),
]


@server.list_tools()
async def list_tools() -> list[types.Tool]:
    return TOOLS


@server.call_tool()
async def call_tool(name: str, arguments: dict[str, Any]) -> list[types.TextContent]:
    if name == "load_session":
        load = LoadSession(**arguments)
        path = os.path.join(STATE_DIR, f"{load.session_id}_state.json")
    elif name == "read_note":
        note = ReadNote(**arguments)
        path = os.path.join(STATE_DIR, "notes", note.note)
    else:
        page = ReadPage(**arguments)
        path = os.path.join(STATE_DIR, "pages", page.page)
    with open(path) as f:
        return [types.TextContent(type="text", text=f.read())]


async def serve() -> None:
    async with stdio_server() as (read, write):
        await server.run(read, write, server.create_initialization_options())


def main() -> None:
    asyncio.run(serve())
