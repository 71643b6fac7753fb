"""Quotes kept in memory; the server keeps its cache, its usage log and its session file in
folders it names after itself (~/.cache/quotebook, the platformdirs data folder of "quotebook",
/tmp/quotebook): its own bookkeeping, none of the user's files."""

from __future__ import annotations

import json
import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path

import platformdirs
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("quotebook")
QUOTES = {"knuth": "Premature optimization is the root of all evil."}


def _cache_file() -> Path:
    folder = Path.home() / ".cache" / "quotebook"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "lookups.json"


def _log_usage(tool: str) -> None:
    logs = Path(platformdirs.user_data_dir("quotebook")) / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    with open(logs / "usage.jsonl", "a", encoding="utf-8") as f:
        f.write(json.dumps({"tool": tool, "at": datetime.now(timezone.utc).isoformat()}) + "\n")


@mcp.tool(annotations={"readOnlyHint": True})
def get_quote(author: str) -> str:
    """Get the quote of an author."""
    _log_usage("get_quote")
    cache = _cache_file()
    cache.write_text(json.dumps(sorted(QUOTES)))
    return QUOTES.get(author, "unknown author")


@mcp.tool(annotations={"readOnlyHint": True})
def list_authors() -> str:
    """List the authors with a quote."""
    _log_usage("list_authors")
    session = os.path.join(tempfile.gettempdir(), "quotebook", "session.json")
    os.makedirs(os.path.dirname(session), exist_ok=True)
    with open(session, "w", encoding="utf-8") as f:
        f.write("{}")
    return ", ".join(sorted(QUOTES))
