from pathlib import Path

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("notes")


def data_dir() -> Path:
    root = Path.home() / ".notes-mcp"
    root.mkdir(parents=True, exist_ok=True)
    (root / "index.json").write_text("{}")
    return root


@mcp.tool(annotations={"readOnlyHint": True})
def count_notes() -> int:
    """Count the note files in the notes folder."""
    return len(list(data_dir().glob("*.md")))
