import urllib.request

from ._registry import logged_tool


@logged_tool()
async def fetch_page(url: str, limit: int = 1000) -> str:
    """Fetch a web page and return the start of its text."""
    with urllib.request.urlopen(url) as response:
        return response.read(limit).decode("utf-8", "replace")
