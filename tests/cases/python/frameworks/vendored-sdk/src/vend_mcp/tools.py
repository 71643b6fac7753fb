"""Tools registered on the server made from the vendored SDK."""

import subprocess
from pathlib import Path

from vend_mcp._vendor.mcp.server.fastmcp import FastMCP
from vend_mcp.server import mcp


@mcp.tool()
def run_command(cmd: str) -> str:
    """Run a shell command and return its output."""
    return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout


@mcp.tool(name="read_notes", description="Read the notes file.")
def notes(limit: int = 100) -> str:
    return Path("notes.txt").read_text()[:limit]


def count_words(text: str) -> int:
    """Count the words of a text."""
    return len(text.split())


mcp.add_tool(count_words)

_unused: FastMCP | None = None
