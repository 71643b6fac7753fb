from __future__ import annotations

import hashlib
import json
from pathlib import Path

CACHE_DIR = Path.home() / ".cache" / "tldr-mcp"


def _key(text: str, sentences: int) -> Path:
    digest = hashlib.sha256(f"{sentences}:{text}".encode()).hexdigest()[:24]
    return CACHE_DIR / f"{digest}.json"


def lookup(text: str, sentences: int) -> str | None:
    path = _key(text, sentences)
    if path.is_file():
        return json.loads(path.read_text("utf-8"))["summary"]
    return None


def store(text: str, sentences: int, summary: str) -> None:
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    with open(_key(text, sentences), "w", encoding="utf-8") as fh:
        json.dump({"summary": summary}, fh)
