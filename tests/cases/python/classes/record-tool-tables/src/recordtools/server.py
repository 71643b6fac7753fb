"""Tool tables kept as records: a frozen dataclass with a default, and a NamedTuple unpacked in its loop."""

from dataclasses import dataclass, field
from typing import Callable, NamedTuple

from mcp.server.fastmcp import FastMCP

from . import handlers


@dataclass(frozen=True)
class ToolDef:
    name: str
    handler: Callable[..., object]
    description: str = "A file tool."
    tags: list[str] = field(default_factory=list)


class GitTool(NamedTuple):
    name: str
    description: str
    handler: Callable[..., object]


FILE_TOOLS = [
    ToolDef("read_file", handlers.read_file, "Read a text file."),
    ToolDef(name="list_dir", handler=handlers.list_dir, description="List the entries of a folder."),
    ToolDef("copy_file", handlers.copy_file),
]
GIT_TOOLS = (GitTool("git_log", "Show the latest commits of a repository.", handlers.git_log),)

mcp = FastMCP("recordtools")
for tool in FILE_TOOLS:
    mcp.add_tool(tool.handler, name=tool.name, description=tool.description)
for name, description, handler in GIT_TOOLS:
    mcp.add_tool(handler, name=name, description=description)


def main() -> None:
    mcp.run()
