"""Saved sessions: the argument models look checked, but the check misses the field that is used."""
import asyncio
import os
from typing import Any

import mcp.types as types
from mcp.server.lowlevel import Server
from mcp.server.stdio import stdio_server
from pydantic import BaseModel, field_validator

STATE_DIR = os.path.expanduser("~/.statestore")
server = Server("statestore-bad")


def normalize_session(session_id: str) -> str:
    """Trim spaces (separators and '..' survive)."""
    return session_id.strip()


class LoadSession(BaseModel):
    session_id: str

    def model_post_init(self, __context: Any) -> None:
        self.session_id = normalize_session(self.session_id)


class ReadNote(BaseModel):
    folder: str
    note: str

    @field_validator("folder")
    @classmethod
    def known_folder(cls, v: str) -> str:
        if v not in ("notes", "drafts"):
            raise ValueError("unknown folder")
        return v


TOOLS = [
    types.Tool(name="load_session", description="Load a saved session's state.",
               inputSchema={"type": "object", "properties": {"session_id": {"type": "string"}}, "required": ["session_id"]}),
    types.Tool(name="read_note", description="Read one of the saved notes.",
               inputSchema={"type": "object", "properties": {"folder": {"type": "string"}, "note": {"type": "string"}},
                            "required": ["folder", "note"]}),
]


@server.list_tools()
async def list_tools() -> list[types.Tool]:
    return TOOLS


@server.call_tool()
async def call_tool(name: str, arguments: dict[str, Any]) -> list[types.TextContent]:
    if name == "load_session":
        load = LoadSession(**arguments)
        path = os.path.join(STATE_DIR, f"{load.session_id}_state.json")
    else:
        note = ReadNote(**arguments)
        path = os.path.join(STATE_DIR, note.folder, note.note)
    with open(path) as f:
        return [types.TextContent(type="text", text=f.read())]


async def serve() -> None:
    async with stdio_server() as (read, write):
        await server.run(read, write, server.create_initialization_options())


def main() -> None:
    asyncio.run(serve())
