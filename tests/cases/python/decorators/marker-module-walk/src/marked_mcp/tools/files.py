from pathlib import Path

from mcp.types import ToolAnnotations

from marked_mcp.context import ToolContext
from marked_mcp.registry import tool


@tool("read_text", annotations=ToolAnnotations(title="Read Text", readOnlyHint=True))
def read_text(ctx: ToolContext, path: str, limit: int = 2000) -> str:
    """Read the start of a text file."""
    return Path(path).read_text()[:limit]


def helper(x: str) -> str:  # not marked: not a tool
    return x.strip()
