from pathlib import Path

from fastmcp import FastMCP

files = FastMCP("Files")
archive = FastMCP("Archive")


@files.tool
def read_note(name: str) -> str:
    """Read a note file."""
    return Path(name).read_text()


@archive.tool
def list_archive() -> list[str]:
    """List archived notes."""
    return []


files.mount(archive, namespace="old")
