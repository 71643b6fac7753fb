"""Saves a note atomically: written to a temporary file, then renamed onto the one notes file.
Neither name comes from the arguments."""

from __future__ import annotations

import os
import tempfile

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("note-saver")
NOTES = "/var/lib/note-saver/notes.md"


@mcp.tool()
def save_note(text: str) -> str:
    """Save a note to the notes file (replaces its contents)."""
    fd, tmp = tempfile.mkstemp(dir="/var/lib/note-saver")
    with os.fdopen(fd, "w") as f:
        f.write(text)
    os.replace(tmp, NOTES)
    return "saved"
