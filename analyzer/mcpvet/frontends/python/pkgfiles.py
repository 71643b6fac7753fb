"""Files of the analysed package that its code names through `__file__` or `importlib.resources`.

A tool description loaded at import time from a file the package ships (`prompts/x.md`) is what a
client sees, so the evaluator may read such a file as text: only files of the unpacked tree, never
through a symbolic link, never outside the package root, and only small UTF-8 text.
"""

from __future__ import annotations

from pathlib import Path

from mcpvet.datafiles import package_join as join
from mcpvet.datafiles import package_parent as parent
from mcpvet.model import SourceTree

__all__ = ["PackageFiles", "join", "parent"]

MAX_TEXT_BYTES = 256 * 1024


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
