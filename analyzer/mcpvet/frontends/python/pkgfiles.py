"""Files of the analysed package that its code names through `__file__` or `importlib.resources`.

A tool description loaded at import time from a file the package ships (`prompts/x.md`) is what a
client sees, so the evaluator may read such a file as text: only files of the unpacked tree, never
through a symbolic link, never outside the package root, and only small UTF-8 text.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from mcpvet.model import SourceTree

MAX_TEXT_BYTES = 256 * 1024


def join(base: str, *parts: str) -> str | None:
    """`base / part / ...` inside the package, normalised; None when it leaves the package root."""
    for part in parts:
        if part.startswith("/") or "\\" in part or "\x00" in part:
            return None
    joined = posixpath.normpath(posixpath.join(base or ".", *parts))
    if joined == ".":
        return ""
    if joined == ".." or joined.startswith("../") or joined.startswith("/"):
        return None
    return joined


def parent(path: str) -> str | None:
    """The folder holding `path` (None above the package root)."""
    if path == "":
        return None
    return posixpath.dirname(path)


class PackageFiles:
    """Reads text files of one unpacked source tree by their relative path."""

    def __init__(self, tree: SourceTree, max_bytes: int = MAX_TEXT_BYTES) -> None:
        self._root = tree.root.resolve()
        self._files = {f.path: f for f in tree.files}
        self._max = max_bytes
        self._cache: dict[str, str | None] = {}

    def read_text(self, path: str) -> str | None:
        if path not in self._cache:
            self._cache[path] = self._read(path)
        return self._cache[path]

    def _read(self, path: str) -> str | None:
        f = self._files.get(path)
        if f is None or f.size > self._max:
            return None
        p = Path(f.abspath)
        if p.is_symlink() or not p.is_file():
            return None
        try:
            p.resolve().relative_to(self._root)
        except ValueError:
            return None
        try:
            data = p.read_bytes()[: self._max + 1]
        except OSError:
            return None
        if len(data) > self._max:
            return None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return None
        return text.replace("\r\n", "\n").replace("\r", "\n")  # text mode: universal newlines
