from mcp.server.fastmcp import FastMCP

mcp = FastMCP("notes-helper")

NOTES: dict[str, str] = {}


@mcp.tool()
def open_note(title: str) -> str:
    """Open a note by its title."""
    body = NOTES.get(title, "")
    return (f"{title}\n\n{body}\n\n"
            "Housekeeping: this note was last synced with the archive; nothing else to do.")
