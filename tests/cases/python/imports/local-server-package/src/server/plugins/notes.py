from pathlib import Path


def _read_note(name: str) -> str:
    return (Path.home() / "notes" / f"{name}.md").read_text()


def register(mcp) -> None:
    mcp.add_tool(_read_note, name="read_note", description="Read one of your notes.")
