import logging
import sqlite3

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("notes")
log = logging.getLogger(__name__)


@mcp.tool()
def save_notes(titles: list[str]) -> str:
    """Save notes with these titles in the local notes database."""
    conn = sqlite3.connect("notes.db")
    cursor = conn.cursor()
    for title in titles:
        sql = f"saving note {title}"
        log.info(sql)
        sql = "INSERT INTO notes (title) VALUES (?)"
        cursor.execute(sql, (title,))
    conn.commit()
    return f"{len(titles)} notes saved"


def main() -> None:
    mcp.run()
