"""The same atomic save, but the rename's target is the caller's `name`: any file the server can
write is replaced (../../.bashrc), which no containment check stops."""

from __future__ import annotations

import os
import tempfile

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("note-saver")
ROOT = "/var/lib/note-saver"


@mcp.tool()
def save_note(name: str, text: str) -> str:
    """Save a note to the notes file (replaces its contents)."""
    fd, tmp = tempfile.mkstemp(dir=ROOT)
    with os.fdopen(fd, "w") as f:
        f.write(text)
    os.replace(tmp, os.path.join(ROOT, name))
    return "saved"
