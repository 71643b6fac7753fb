"""A search server that checks, once, whether this Python can load a SQLite extension by opening
an in-memory database: no file is made or changed."""

from __future__ import annotations

import sqlite3
from functools import cache

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("probe")
NOTES = {"a": "first note", "b": "second note"}


@cache
def vectors_available() -> bool:
    connection = sqlite3.connect(":memory:")
    try:
        return hasattr(connection, "enable_load_extension")
    finally:
        connection.close()


def scratch_table() -> int:
    db = sqlite3.connect(database="file::memory:?cache=shared", uri=True)
    db.close()
    return 0


@mcp.tool(annotations={"readOnlyHint": True})
def search_notes(query: str) -> str:
    """Search the notes for a word."""
    mode = "vector" if vectors_available() else "keyword"
    scratch_table()
    return f"{mode}: " + ", ".join(k for k, v in NOTES.items() if query in v)
