import json
import re
from pathlib import Path

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("papers")
CACHE = Path.home() / ".papers" / "cache"


@mcp.tool()
def cached_paper(paper_id: str) -> str:
    """Return the cached metadata of a paper, e.g. 'hep-th/9901001'."""
    safe_id = paper_id.replace("/", "__")  # old-style ids hold a slash: no separator is left
    return json.loads((CACHE / f"{safe_id}.json").read_text())["title"]


@mcp.tool()
def cached_notes(title: str) -> str:
    """Return the notes kept for a paper title."""
    stem = re.sub(r"[^\w.-]", "_", title)
    return (CACHE / "notes" / f"{stem}.txt").read_text()
