from pathlib import Path

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("notes")
NOTES = Path.home() / ".notes"


@mcp.tool()
def read_note(title: str, folder: str = "") -> str:
    """Return the text of one saved note."""
    if "/" in folder or folder.startswith("."):
        raise ValueError("a note title names one file")
    return (NOTES / title).read_text()


def main() -> None:
    mcp.run()
