"""A content-addressed download cache and a small metadata cache (for --offline).

Artifacts are stored under `<cache_dir>/blobs/<algorithm>/<hex>` keyed by the digest the registry
published (sha256 for PyPI, the SRI algorithm for npm): a second fetch of the same version finds
the file without downloading it. Entries are re-hashed before use; a corrupt entry is dropped.
Writes are atomic (temporary file in the same folder, then `os.replace`).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

_HEX = re.compile(r"^[0-9a-f]{32,128}$")


def file_digest(path: Path, algorithm: str) -> str:
    h = hashlib.new(algorithm)
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


class DownloadCache:
    """`enabled=False` makes every lookup miss and every store a no-op."""

    def __init__(self, root: Path, enabled: bool = True) -> None:
        self.root = Path(root)
        self.enabled = enabled

    def _blob(self, algorithm: str, hexdigest: str) -> Path | None:
        hexdigest = hexdigest.lower()
        if algorithm not in hashlib.algorithms_guaranteed or not _HEX.match(hexdigest):
            return None
        return self.root / "blobs" / algorithm / hexdigest

    def lookup(self, algorithm: str, hexdigest: str) -> Path | None:
        """The cached file with this digest, verified, or None."""
        if not self.enabled:
            return None
        path = self._blob(algorithm, hexdigest)
        if path is None or not path.is_file():
            return None
        if file_digest(path, algorithm) != hexdigest.lower():
            path.unlink(missing_ok=True)  # corrupt entry: never served
            return None
        return path

    def store(self, algorithm: str, hexdigest: str, source: Path) -> None:
        """Copy `source` (already verified by the caller) into the cache atomically."""
        if not self.enabled:
            return
        path = self._blob(algorithm, hexdigest)
        if path is None or path.is_file():
            return
        _atomic_copy(source, path)

    # metadata documents, keyed by URL: only read back in offline mode
    def _meta(self, url: str) -> Path:
        return self.root / "meta" / (hashlib.sha256(url.encode("utf-8")).hexdigest() + ".json")

    def store_json(self, url: str, doc: Any, final_url: str) -> None:
        if not self.enabled:
            return
        data = json.dumps({"url": final_url, "doc": doc}).encode("utf-8")
        path = self._meta(url)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)

    def lookup_json(self, url: str) -> tuple[Any, str] | None:
        if not self.enabled:
            return None
        path = self._meta(url)
        if not path.is_file():
            return None
        try:
            entry = json.loads(path.read_text("utf-8"))
            return entry["doc"], entry["url"]
        except (ValueError, KeyError, TypeError):
            return None


def _atomic_copy(source: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=dest.parent)
    try:
        with os.fdopen(fd, "wb") as out, source.open("rb") as src:
            shutil.copyfileobj(src, out, 1 << 20)
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def place(source: Path, dest: Path) -> None:
    """Put a copy of a cached or downloaded file at `dest` (hard link when possible)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.unlink(missing_ok=True)
    try:
        os.link(source, dest)
    except OSError:
        shutil.copyfile(source, dest)
