"""Notes in a folder: each tool's arguments are parsed into its own model, and one function
dispatches on the model's class (`isinstance`), the way wcgw's get_tool_output does."""

import asyncio
import os
from typing import Any, Union

import mcp.types as types
from mcp.server import Server
from pydantic import BaseModel

NOTES = os.path.expanduser("~/notes")
server = Server("notes")


class ReadNote(BaseModel):
    title: str


class CountNotes(BaseModel):
    prefix: str = ""


class SaveNote(BaseModel):
    title: str
    text: str


TOOLS = Union[ReadNote, CountNotes, SaveNote]


def which_tool(name: str) -> type[TOOLS]:
    if name == "read_note":
        return ReadNote
    elif name == "count_notes":
        return CountNotes
    elif name == "save_note":
        return SaveNote
    raise ValueError(name)


def parse_tool(name: str, arguments: dict[str, Any]) -> TOOLS:
    tool_type = which_tool(name)
    return tool_type(**arguments)


def _path(title: str) -> str:
    return os.path.join(NOTES, os.path.basename(title) + ".md")


def save(title: str, text: str) -> str:
    with open(_path(title), "w", encoding="utf-8") as f:
        f.write(text)
    return "saved"


def get_output(args: Union[dict[str, Any], TOOLS]) -> str:
    if isinstance(args, dict):
        arg = CountNotes(**args)
    else:
        arg = args
    if isinstance(arg, ReadNote):
        with open(_path(arg.title), encoding="utf-8") as f:
            return f.read()
    elif isinstance(arg, CountNotes):
        return str(len([n for n in os.listdir(NOTES) if n.startswith(arg.prefix)]))
    elif isinstance(arg, SaveNote):
        return save(arg.title, arg.text)
    raise ValueError(arg)


RO = types.ToolAnnotations(readOnlyHint=True)


@server.list_tools()
async def list_tools() -> list[types.Tool]:
    return [
        types.Tool(name="read_note", description="Read a note of your notes folder by its title.",
                   inputSchema={"type": "object", "properties": {"title": {"type": "string"}}}, annotations=RO),
        types.Tool(name="count_notes", description="Count the notes of your notes folder.",
                   inputSchema={"type": "object", "properties": {"prefix": {"type": "string"}}}, annotations=RO),
        types.Tool(name="save_note", description="Save a note into your notes folder (writes the file).",
                   inputSchema={"type": "object", "properties": {"title": {"type": "string"}, "text": {"type": "string"}}}),
    ]


@server.call_tool()
async def call_tool(name: str, arguments: dict[str, Any]) -> list[types.TextContent]:
    tool_call = parse_tool(name, arguments)
    text = await asyncio.to_thread(get_output, tool_call)
    return [types.TextContent(type="text", text=text)]
