from pathlib import Path

from ._registry import logged_tool

NOTES = Path.home() / "notes"


@logged_tool()
def read_note(name: str) -> str:
    """Read a note by its name."""
    with open(NOTES / name, encoding="utf-8") as f:
        return f.read()
