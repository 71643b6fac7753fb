from pathlib import Path

from pkgtools_mcp.registry import register_tool

NOTES = Path.home() / "notes"


@register_tool("read_note", description="Read one note.")
def read_note(name: str) -> str:
    return (NOTES / name).read_text()


@register_tool("search_notes", description="Search the notes for a word.")
def search_notes(word: str) -> list[str]:
    return [p.name for p in NOTES.iterdir() if word in p.read_text()]
