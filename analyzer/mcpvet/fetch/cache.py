"""A content-addressed download cache and a small metadata cache (for --offline).

Artifacts are stored under `<cache_dir>/blobs/<algorithm>/<hex>` keyed by the digest the registry
published (sha256 for PyPI, the SRI algorithm for npm): a second fetch of the same version finds
the file without downloading it. Entries are re-hashed before use; a corrupt entry is dropped.
Writes are atomic (temporary file in the same folder, then `os.replace`).

The cache is an optimisation: when it cannot be used (a read-only, unwritable or missing folder,
a file where a folder belongs or the reverse) the first failure is recorded in `problem`, the
cache turns itself off for the rest of the run and everything goes on without it. The fetchers
report `problem` once, in errors[] (`cache_error`).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from mcpvet.fetch.jsontext import loads_json
from mcpvet.model import AnalysisError

_HEX = re.compile(r"^[0-9a-f]{32,128}$")
STAGE = "cache"


def file_digest(path: Path, algorithm: str) -> str:
    h = hashlib.new(algorithm)
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def unusable(root: Path, exc: OSError) -> str:
    """The one message for a cache folder that cannot be used. It names the folder and the
    system's reason only (not the file that failed), so that every user of the same folder
    (fetch, provenance) words the same problem the same way and errors[] shows it once."""
    reason = exc.strerror or type(exc).__name__
    return f"the cache folder {root} cannot be used ({reason}); mcpvet went on without it"


def cache_error(problem: str | None) -> list[AnalysisError]:
    """errors[] entries for a recorded cache problem (none when there was none)."""
    return [AnalysisError(STAGE, problem)] if problem else []


class DownloadCache:
    """`enabled=False` makes every lookup miss and every store a no-op."""

    def __init__(self, root: Path, enabled: bool = True) -> None:
        self.root = Path(root)
        self.enabled = enabled
        self.problem: str | None = None  # the first reason the cache could not be used

    def _failed(self, exc: OSError) -> None:
        if self.problem is None:
            self.problem = unusable(self.root, exc)
        self.enabled = False

    def _damaged(self, what: str) -> None:
        """A damaged entry is skipped; the cache itself stays in use."""
        if self.problem is None:
            self.problem = f"the cache folder {self.root} holds a damaged entry ({what}); it was ignored"

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
        if path is None:
            return None
        try:
            if not path.is_file():
                return None
            if file_digest(path, algorithm) != hexdigest.lower():
                path.unlink(missing_ok=True)  # corrupt entry: never served
                return None
        except OSError as exc:
            self._failed(exc)
            return None
        return path

    def store(self, algorithm: str, hexdigest: str, source: Path) -> None:
        """Copy `source` (already verified by the caller) into the cache atomically."""
        if not self.enabled:
            return
        path = self._blob(algorithm, hexdigest)
        if path is None:
            return
        try:
            if path.is_file():
                return
            _atomic_write(path, lambda out: _copy_into(source, out))
        except OSError as exc:
            self._failed(exc)

    # metadata documents, keyed by URL: only read back in offline mode
    def _meta(self, url: str) -> Path:
        return self.root / "meta" / (hashlib.sha256(url.encode("utf-8")).hexdigest() + ".json")

    def store_json(self, url: str, doc: Any, final_url: str) -> None:
        if not self.enabled:
            return
        try:
            data = json.dumps({"url": final_url, "doc": doc}).encode("utf-8")
        except (ValueError, TypeError, RecursionError):
            return  # not storable: the next offline run misses it, as if never cached
        try:
            _atomic_write(self._meta(url), lambda out: out.write(data))
        except OSError as exc:
            self._failed(exc)

    def lookup_json(self, url: str) -> tuple[Any, str] | None:
        if not self.enabled:
            return None
        path = self._meta(url)
        try:
            if not path.is_file():
                return None
            text = path.read_bytes()
        except OSError as exc:
            self._failed(exc)
            return None
        try:
            entry = loads_json(text)
        except ValueError as exc:
            self._damaged(f"{path.name} is not readable JSON: {exc}")
            return None
        if not isinstance(entry, dict) or "doc" not in entry or not isinstance(entry.get("url"), str):
            self._damaged(f"{path.name} is not a cached document")
            return None
        return entry["doc"], entry["url"]


def _copy_into(source: Path, out: BinaryIO) -> None:
    with source.open("rb") as src:
        shutil.copyfileobj(src, out, 1 << 20)


def _atomic_write(dest: Path, write: Callable[[BinaryIO], object]) -> None:
    """Create `dest` from what `write(file)` writes, atomically; nothing is left behind on failure."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=dest.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            write(out)
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
