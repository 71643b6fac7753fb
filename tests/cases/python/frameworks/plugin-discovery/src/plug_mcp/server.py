from fastmcp import FastMCP

from plug_mcp.tools.registry import ToolsRegistry


class PlugServer:
    def __init__(self) -> None:
        self.mcp = FastMCP("plug")
        self.registry = ToolsRegistry(self)
        self.registry.register_all_tools()


def main() -> None:
    PlugServer().mcp.run()
