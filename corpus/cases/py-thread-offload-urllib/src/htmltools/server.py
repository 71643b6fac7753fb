import asyncio
import functools
import re
from html import unescape

from fastmcp import FastMCP

from . import io

server = FastMCP("htmltools")

_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
_TAG = re.compile(r"<[^>]+>")


@server.tool
async def page_title(html: str) -> str:
    """Extract the <title> of an HTML document passed as text."""
    if html.startswith(("http://", "https://")):
        html = await asyncio.to_thread(io.fetch_text, html)
    found = _TITLE.search(html)
    return unescape(found.group(1).strip()) if found else ""


@server.tool
async def save_as_text(html: str, path: str) -> str:
    """Strip the tags from an HTML document and write the plain text to a file at `path`."""
    text = unescape(_TAG.sub("", html))
    loop = asyncio.get_running_loop()
    written = await loop.run_in_executor(None, functools.partial(io.save_text, path, text))
    return f"wrote {written} characters to {path}"


@server.tool
def strip_tags(html: str) -> str:
    """Remove every HTML tag from a document and return the text."""
    return unescape(_TAG.sub("", html))


if __name__ == "__main__":
    server.run()
