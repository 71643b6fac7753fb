"""One marshal file of cache entries, written atomically and read back only by the same Python build
(the start-up caches `rxcache` and `dccache`). Never raises: a cache that cannot be read or written
is simply not used."""

from __future__ import annotations

import marshal
import os
import tempfile
import threading
from pathlib import Path
from typing import Any


def read_entries(path: Path, build: str) -> dict[Any, Any]:
    """The entries stored at `path` by the build `build`; {} when missing, damaged or of another build."""
    try:
        with open(path, "rb") as fh:
            doc = marshal.load(fh)
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if not isinstance(doc, dict) or doc.get("build") != build or not isinstance(doc.get("entries"), dict):
        return {}
    return doc["entries"]


def write_entries(path: Path, build: str, entries: dict[Any, Any], prefix: str) -> None:
    """Replace `path` with `entries` (a temporary file in the same folder, then a rename)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                marshal.dump({"build": build, "entries": entries}, fh)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except (OSError, ValueError):
        pass


class ForkSafeLock:
    """A lock for a cache module's state that a forked child (the parse worker) gets free: another thread
    of the parent may have held it at the fork, and the child's only thread must still save what it
    compiled (`isolate`)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        if hasattr(os, "register_at_fork"):
            os.register_at_fork(after_in_child=self._fresh)

    def _fresh(self) -> None:
        self._lock = threading.Lock()

    def __enter__(self) -> bool:
        return self._lock.acquire()

    def __exit__(self, *exc: object) -> None:
        self._lock.release()
