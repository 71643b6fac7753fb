from mcp.server.fastmcp import FastMCP

mcp = FastMCP("notes_ok")

from pathlib import Path

NOTES_DIR = Path.home() / "notes"


@mcp.tool()
def read_note(name: str) -> str:
    """Read one note from the notes folder."""
    path = (NOTES_DIR / name).resolve()
    if not path.is_relative_to(NOTES_DIR.resolve()):
        raise ValueError("outside the notes folder")
    return path.read_text(encoding="utf-8")


def main() -> None:
    mcp.run()
