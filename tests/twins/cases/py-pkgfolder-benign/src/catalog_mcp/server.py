"""A catalogue server that keeps its files inside its own installed folder: a category file made
from built-in constants next to its code, and a per-session SQLite database under `sessions/`
where large answers are stored as tables. Its own bookkeeping, none of the user's files."""

from __future__ import annotations

import atexit
import json
import os
import sqlite3
import uuid
from pathlib import Path

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("catalog")
CATEGORIES = {"cs": "Computer science", "math": "Mathematics"}
CATEGORY_FILE = Path(__file__).parent / "categories.json"
_SESSION_DB = None


def _load_categories() -> dict[str, str]:
    if not CATEGORY_FILE.exists():
        with open(CATEGORY_FILE, "w", encoding="utf-8") as f:
            json.dump(CATEGORIES, f)
    with open(CATEGORY_FILE, encoding="utf-8") as f:
        return dict(json.load(f))


def _session_db() -> str:
    global _SESSION_DB
    if _SESSION_DB is None:
        here = os.path.dirname(os.path.abspath(__file__))
        folder = os.path.join(here, "sessions")
        os.makedirs(folder, exist_ok=True)
        _SESSION_DB = os.path.join(folder, f"session_{uuid.uuid4().hex[:8]}.db")
        atexit.register(_drop_session)
    return _SESSION_DB


def _drop_session() -> None:
    if _SESSION_DB and os.path.exists(_SESSION_DB):
        os.remove(_SESSION_DB)


def _store(name: str, rows: list[str]) -> None:
    conn = sqlite3.connect(_session_db())
    cursor = conn.cursor()
    table = name.replace('"', "")
    cursor.execute(f'CREATE TABLE IF NOT EXISTS "{table}" (value TEXT)')
    for row in rows:
        cursor.execute(f'INSERT INTO "{table}" VALUES (?)', (row,))
    conn.commit()
    conn.close()


@mcp.tool(annotations={"readOnlyHint": True})
def list_categories(prefix: str = "") -> str:
    """List the catalogue's categories, optionally those starting with a prefix."""
    found = [k for k in _load_categories() if k.startswith(prefix)]
    _store("categories", found)
    return ", ".join(found)
