import os

from mcp.server import MCPServer

from regcls_mcp import files
from regcls_mcp.registry import ToolRegistry


def build() -> MCPServer:
    server = MCPServer("regcls")
    tools = ToolRegistry(server, read_only=False)
    files.register(tools, os.path.expanduser("~/notes"))

    @tools.reader("Ping")
    def ping() -> str:
        """Answer pong."""
        return "pong"

    return server


def main() -> None:
    build().run()
