import urllib.request
from typing import Any


def register_web_tools(mcp: Any, client: Any, **kwargs: Any) -> None:
    @mcp.tool(name="plug_fetch")
    async def fetch(url: str) -> str:
        """Fetch a web page."""
        with urllib.request.urlopen(url) as resp:
            return resp.read().decode()
