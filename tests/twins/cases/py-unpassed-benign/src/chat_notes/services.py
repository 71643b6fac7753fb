"""Shared by the MCP tool and the command line: only the command line passes `output_file`."""

from __future__ import annotations

import json
from pathlib import Path

CHATS = {"c1": [{"q": "hello", "a": "hi"}]}


def export_chat(chat_id: str, fmt: str = "md", output_file: str | None = None) -> dict[str, str | None]:
    turns = CHATS.get(chat_id, [])
    if fmt == "json":
        content = json.dumps(turns)
    else:
        content = "\n".join(f"**User**: {t['q']}\n**Bot**: {t['a']}" for t in turns)
    saved = None
    if output_file:
        path = Path(output_file).expanduser().resolve()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        saved = str(path)
    return {"content": content, "saved": saved}
