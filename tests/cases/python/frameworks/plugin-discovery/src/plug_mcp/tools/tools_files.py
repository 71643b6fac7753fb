import os
from typing import Any

from fastmcp.tools import tool

from .helpers import register_tool_methods


class FileTools:
    def __init__(self, client: Any) -> None:
        self.client = client

    @tool(name="plug_list_dir", description="List the entries of a folder.")
    async def list_dir(self, path: str) -> list[str]:
        return os.listdir(path)

    @tool()
    async def plug_read_file(self, path: str) -> str:
        """Read a text file."""
        with open(path) as fh:
            return fh.read()

    async def not_a_tool(self) -> str:
        return os.environ.get("HOME", "")


def register_file_tools(mcp: Any, client: Any, **kwargs: Any) -> None:
    register_tool_methods(mcp, FileTools(client))
