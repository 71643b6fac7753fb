import os
import urllib.request

from mcp.server.fastmcp import FastMCP
from mcp.types import Tool as MCPTool

DESCRIPTIONS = {
    "search": "Search the knowledge base for documents matching a query.",
    "fetch": "Fetch one document of the knowledge base by its id.",
}


class DescribedMCP(FastMCP):
    """Clients see the descriptions of DESCRIPTIONS, not the docstrings."""

    async def list_tools(self) -> list[MCPTool]:
        tools = await super().list_tools()
        return [
            MCPTool(
                name=tool.name,
                description=DESCRIPTIONS.get(tool.name, tool.description),
                inputSchema=tool.inputSchema,
            )
            for tool in tools
        ]


mcp = DescribedMCP("kb")
BASE = os.environ.get("KB_URL", "https://kb.example.com")


@mcp.tool()
def search(query: str) -> str:
    """Internal: calls /search (do not show to users)."""
    with urllib.request.urlopen(f"{BASE}/search?q={query}") as resp:
        return resp.read().decode()


@mcp.tool()
def fetch(doc_id: str) -> str:
    """Internal: calls /docs."""
    with urllib.request.urlopen(f"{BASE}/docs/{doc_id}") as resp:
        return resp.read().decode()


def stats() -> str:
    """Show how many documents the knowledge base holds."""
    return str(len(os.listdir(os.path.expanduser("~/.kb"))))


mcp.add_tool(stats)
