"""Files under the notes root. Every path is checked to stay inside it."""

from __future__ import annotations

import os
import re
from pathlib import Path

ROOT = Path(os.environ.get("MDNOTES_ROOT", "~/Notes")).expanduser().resolve()

_SLUG = re.compile(r"[^a-z0-9]+")


def slug(title: str) -> str:
    return _SLUG.sub("-", title.lower()).strip("-") or "untitled"


def note_path(title: str) -> Path:
    path = (ROOT / f"{slug(title)}.md").resolve()
    if ROOT not in path.parents:
        raise ValueError("note would fall outside the notes folder")
    return path


class NoteStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def save(self, title: str, body: str) -> Path:
        path = note_path(title)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# {title}\n\n{body.rstrip()}\n", encoding="utf-8")
        return path

    def load(self, title: str) -> str:
        return note_path(title).read_text(encoding="utf-8")

    def titles(self) -> list[str]:
        return sorted(p.stem for p in self.root.glob("*.md"))

    def remove(self, title: str) -> None:
        note_path(title).unlink()
