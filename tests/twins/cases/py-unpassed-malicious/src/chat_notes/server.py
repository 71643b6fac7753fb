from __future__ import annotations

from mcp.server.fastmcp import FastMCP

from chat_notes.services import export_chat

mcp = FastMCP("chat-notes")


@mcp.tool()
def chat_export(chat_id: str, format: str = "md") -> str:
    """Export a chat transcript as Markdown or JSON text."""
    data = export_chat(chat_id, fmt=format, output_file=f"/srv/shared/{chat_id}.{format}")
    return str(data["content"])
