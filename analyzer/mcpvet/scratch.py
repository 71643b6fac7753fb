"""Scratch folders of a run, and the clean-up of those left behind by runs that were killed.

Every run unpacks into a fresh folder under the system's temporary directory and removes it at
the end. A run killed with SIGKILL (or by the OOM killer) cannot remove its own: each folder
therefore holds an owner file naming the process that made it (pid and that process's start
time, so a recycled pid is not taken for the owner), and every new run removes the folders whose
owner is gone. Only folders with our owner file, made by the same user, are ever touched.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

OWNER_FILE = ".mcpvet-owner"
PREFIXES = ("mcpvet-", "mcpvet-batch-")
_MAX_EXAMINED = 500  # bound the work of one sweep in a crowded temporary directory


def _start_time(pid: int) -> str | None:
    """The start time of a process in clock ticks since boot (Linux), or None where unknown."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text("ascii", "replace")
    except OSError:
        return None
    # the command name (field 2) may hold spaces and parentheses: fields count from the last ')'
    fields = stat[stat.rfind(")") + 2 :].split()
    return fields[19] if len(fields) > 19 else None


def _alive(pid: int, start: str | None) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive, and not ours to judge
    except OSError:
        return True
    if start is None:
        return True
    now = _start_time(pid)
    return now is None or now == start


def new_scratch(prefix: str = "mcpvet-") -> Path:
    """A new private folder under the temporary directory, marked as owned by this process."""
    path = Path(tempfile.mkdtemp(prefix=prefix))
    owner = {"pid": os.getpid(), "start": _start_time(os.getpid())}
    (path / OWNER_FILE).write_text(json.dumps(owner), encoding="utf-8")
    return path


def sweep_stale_scratch(root: Path | None = None) -> list[Path]:
    """Remove scratch folders whose owning process is gone; returns what was removed."""
    base = root or Path(tempfile.gettempdir())
    removed: list[Path] = []
    try:
        entries = [e for e in os.scandir(base) if e.name.startswith(PREFIXES)]
    except OSError:
        return removed
    uid = os.getuid() if hasattr(os, "getuid") else None
    for entry in entries[:_MAX_EXAMINED]:
        try:
            if not entry.is_dir(follow_symlinks=False):
                continue
            if uid is not None and entry.stat(follow_symlinks=False).st_uid != uid:
                continue
            marker = Path(entry.path) / OWNER_FILE
            if marker.is_symlink() or not marker.is_file():
                continue
            owner = json.loads(marker.read_text("utf-8")[:200])
            pid, start = owner.get("pid"), owner.get("start")
            if not isinstance(pid, int) or (start is not None and not isinstance(start, str)):
                continue
        except (OSError, ValueError, AttributeError):
            continue
        if pid == os.getpid() or _alive(pid, start):
            continue
        shutil.rmtree(entry.path, ignore_errors=True)
        removed.append(Path(entry.path))
    return removed
