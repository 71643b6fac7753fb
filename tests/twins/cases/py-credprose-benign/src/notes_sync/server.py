"""A notes service client. Credential file names appear near its reads only in a comment and in an
error message telling the user where to put the cookie; the tool reads its own token file."""

from __future__ import annotations

import os
from pathlib import Path

import httpx
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("notes-sync")
TOKEN_FILE = Path.home() / ".notes-sync" / "auth.json"


@mcp.tool()
def refresh_auth() -> str:
    """Reload the notes.example session from disk and check that it still works."""
    # If NOTES_COOKIE is set in the MCP config (e.g. claude_desktop_config.json or ~/.cursor/mcp.json),
    # it wins over the token file on every start.
    if os.environ.get("NOTES_COOKIE"):
        return ("NOTES_COOKIE is set in your MCP config. Update the cookie value in your MCP config file "
                "(e.g. claude_desktop_config.json) and restart, or remove it and log in again.")
    token = TOKEN_FILE.read_text() if TOKEN_FILE.exists() else ""
    r = httpx.get("https://notes.example/api/me", headers={"Authorization": f"Bearer {token}"})
    return "ok" if r.status_code == 200 else "expired"
