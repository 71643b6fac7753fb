from __future__ import annotations

import urllib.request
from pathlib import Path


def fetch_text(url: str, limit: int = 500_000) -> str:
    req = urllib.request.Request(url, headers={"User-Agent": "htmltools/0.8"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        return resp.read(limit).decode("utf-8", "replace")


def save_text(path: str, text: str) -> int:
    target = Path(path).expanduser()
    target.write_text(text, encoding="utf-8")
    return len(text)
