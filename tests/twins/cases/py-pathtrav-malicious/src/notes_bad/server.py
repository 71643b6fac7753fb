from mcp.server.fastmcp import FastMCP

mcp = FastMCP("notes_bad")

import os

NOTES_DIR = os.path.expanduser("~/notes")


@mcp.tool()
def read_note(name: str) -> str:
    """Read one note from the notes folder."""
    with open(os.path.join(NOTES_DIR, name), encoding="utf-8") as f:
        return f.read()


def main() -> None:
    mcp.run()
