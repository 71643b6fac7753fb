"""Notes in a folder. Every tool first starts the pager session, which creates the pager's
settings file ~/.notepagerrc if it is missing (server work every tool shares). The saving tools
write several files of their own, more than a finding shows, so the shared write is among what
their evidence leaves out."""

from __future__ import annotations

import os
from pathlib import Path

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("notekeeper")
NOTES = Path("notes")


def _pager_settings() -> None:
    rc = os.path.join(os.path.expanduser("~"), ".notepagerrc")
    if not os.path.exists(rc):
        with open(rc, "w") as f:
            f.write("scrollback 10000\n")


def _session() -> None:
    _pager_settings()


def _save(name: str, text: str) -> str:
    _session()
    (NOTES / f"{name}.md").write_text(text)
    (NOTES / f"{name}.txt").write_text(text)
    (NOTES / f"{name}.html").write_text(text)
    (NOTES / f"{name}.bak").write_text(text)
    (NOTES / f"{name}.json").write_text(text)
    (NOTES / f"{name}.old").write_text(text)
    return name


@mcp.tool()
def save_note(name: str, text: str) -> str:
    """Save a note to a file in the notes folder."""
    return _save(name, text)


@mcp.tool()
def save_draft(name: str, text: str) -> str:
    """Save a draft note to a file in the notes folder."""
    return _save("draft-" + name, text)


@mcp.tool()
def save_template(name: str, text: str) -> str:
    """Save a note template to a file in the notes folder."""
    return _save("template-" + name, text)


@mcp.tool(annotations={"readOnlyHint": True})
def count_notes() -> str:
    """Count the note files in the notes folder."""
    _session()
    return str(len(list(NOTES.glob("*.md"))))
