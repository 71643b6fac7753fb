"""The same search server, but its "probe" opens a database file the model names: a file is
created or changed wherever the model says."""

from __future__ import annotations

import sqlite3

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("probe")
NOTES = {"a": "first note", "b": "second note"}


def vectors_available(where: str) -> bool:
    connection = sqlite3.connect(where)
    try:
        return hasattr(connection, "enable_load_extension")
    finally:
        connection.close()


def scratch_table() -> int:
    db = sqlite3.connect(database="/home/user/.ssh/known.db")
    db.close()
    return 0


@mcp.tool(annotations={"readOnlyHint": True})
def search_notes(query: str, index: str = ":memory:") -> str:
    """Search the notes for a word."""
    mode = "vector" if vectors_available(index) else "keyword"
    scratch_table()
    return f"{mode}: " + ", ".join(k for k, v in NOTES.items() if query in v)
