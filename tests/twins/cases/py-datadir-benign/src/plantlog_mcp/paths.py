"""Where the server keeps its own files: a folder chosen among a setting, the data folder of a
container, ~/.plantlog and <tmp>/plantlog."""

from __future__ import annotations

import functools
import os
import tempfile
from pathlib import Path


def _usable(path: Path) -> bool:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(path, os.W_OK)


def _fallback() -> Path:
    folder = Path(tempfile.gettempdir()) / "plantlog"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@functools.lru_cache(maxsize=1)
def get_data_dir() -> Path:
    return _resolve()


def _resolve() -> Path:
    configured = os.environ.get("PLANTLOG_DATA_DIR", "").strip()
    if configured:
        custom = Path(configured)
        if _usable(custom):
            return custom
    if os.environ.get("SUPERVISOR_TOKEN"):
        addon = Path("/data")
        if _usable(addon):
            return addon
    home = Path.home() / ".plantlog"
    if _usable(home):
        return home
    return _fallback()
