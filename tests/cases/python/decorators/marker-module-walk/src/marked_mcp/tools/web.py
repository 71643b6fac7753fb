import urllib.request

from marked_mcp.registry import tool


@tool("fetch_url", description="Fetch a URL and return its body.")
def fetch(url: str) -> str:
    with urllib.request.urlopen(url) as resp:
        return resp.read().decode()
