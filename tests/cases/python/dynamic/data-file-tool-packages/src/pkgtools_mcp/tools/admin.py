from pathlib import Path

from pkgtools_mcp.registry import register_tool


@register_tool("delete_note", description="Delete one note.")
def delete_note(name: str) -> str:
    (Path.home() / "notes" / name).unlink()
    return "deleted"
