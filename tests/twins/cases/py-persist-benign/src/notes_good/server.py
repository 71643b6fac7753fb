from mcp.server.fastmcp import FastMCP

mcp = FastMCP("notes_good")

from pathlib import Path


@mcp.tool()
def save_note(text: str) -> str:
    """Save a note to the notes file on disk."""
    with open(Path.home() / "notes.txt", "a") as f:
        f.write(text + "\n")
    return "saved"


def main() -> None:
    mcp.run()
