"""The methods `dataclasses` writes for each dataclass, compiled once and kept between runs.

`@dataclass` generates the source of `__init__`, `__repr__`, `__eq__`, `__hash__` and, for a
frozen class, `__setattr__`/`__delattr__`, and compiles it with `exec` every time a module
defining one loads: for mcpvet's ~140 dataclasses that cost about a tenth of a second of CPU on
every run. The generated text is the same from run to run, so the CLI keeps its compiled code
objects (marshal, as .pyc files keep a module's) in the cache folder and later runs execute
them instead of compiling the text again.

Only the compilation is skipped: `exec` still runs the same code with the same globals and
namespace, and the code object is the one `exec(text)` compiles (`compile(text, "<string>",
"exec")` without inheriting any `from __future__` flag, as `dataclasses` itself has none). The
file is keyed by the exact Python build; a file that cannot be read is ignored. At most
`MAX_ENTRIES` texts: past that, the file is rewritten with this run's. `install()` is called by
the CLI; `MCPVET_CODE_CACHE=0` turns it off.
"""

from __future__ import annotations

import atexit
import builtins
import dataclasses
import marshal
import os
import sys
from pathlib import Path
from types import CodeType
from typing import Any

from mcpvet.marshalfile import ForkSafeLock, read_entries, write_entries

MAX_ENTRIES = 6000
ENV = "MCPVET_CODE_CACHE"

_lock = ForkSafeLock()  # free again in a forked child (the parse worker)
_state: dict[str, Any] = {"installed": False, "path": None, "loaded": None, "used": {}, "new": 0}


# Each entry is the code object's own marshal bytes, turned into code only when a class needs it:
# the file holds the classes of every command and version that used the folder (well over a
# thousand), and unmarshalling them all cost more than compiling the few hundred one run needs.
FORMAT = "lazy"


def cache_file(folder: Path) -> Path:
    return folder / "code" / f"dataclasses-{sys.implementation.cache_tag}-{FORMAT}.marshal"


def _build_id() -> str:
    return f"{sys.version}|{sys.implementation.cache_tag}|{FORMAT}"


def _load(path: Path) -> dict[str, bytes]:
    stored = read_entries(path, _build_id())
    return {k: v for k, v in stored.items() if isinstance(k, str) and isinstance(v, bytes)}


def _code(blob: bytes | None) -> CodeType | None:
    if blob is None:
        return None
    try:
        code = marshal.loads(blob)
    except (EOFError, ValueError, TypeError):  # a damaged entry: compiled as usual
        return None
    return code if isinstance(code, CodeType) else None


def compiled(text: str) -> CodeType:
    """What `exec(text)` compiles inside `dataclasses`, from the cache when it holds it."""
    loaded = _state["loaded"]
    if loaded is None:
        loaded = _state["loaded"] = _load(_state["path"]) if _state["path"] is not None else {}
    blob = loaded.get(text)
    code = _code(blob)
    if code is None:
        code = compile(text, "<string>", "exec", dont_inherit=True)
        blob = marshal.dumps(code)
        with _lock:
            _state["new"] += 1
    _state["used"][text] = blob
    return code


def _exec(source: Any, globals: Any = None, locals: Any = None, /) -> None:
    if isinstance(source, str):
        source = compiled(source)
    builtins.exec(source, globals, locals)


def install(folder: Path | None) -> bool:
    """Compile dataclass methods through the cache in `folder`. False (nothing changed) without
    a folder, with MCPVET_CODE_CACHE=0, or when `dataclasses` does not compile through `exec`."""
    if _state["installed"] or folder is None or os.environ.get(ENV, "1").strip() == "0":
        return False
    if "exec" in vars(dataclasses):  # someone else already replaced it: leave it alone
        return False
    _state.update(installed=True, path=cache_file(folder), loaded=None)
    dataclasses.exec = _exec  # type: ignore[attr-defined]
    atexit.register(save)
    return True


def uninstall() -> None:
    """Back to `dataclasses` as it was (tests)."""
    if _state["installed"]:
        if vars(dataclasses).get("exec") is _exec:
            del dataclasses.exec  # type: ignore[attr-defined]
        atexit.unregister(save)
    _state.update(installed=False, path=None, loaded=None, used={}, new=0)


def save() -> None:
    """Write the cache when this run compiled texts it did not hold. Never raises."""
    path: Path | None = _state["path"]
    if path is None or not _state["new"]:
        return
    with _lock:
        entries = dict(_state["used"])
        loaded: dict[str, bytes] = _state["loaded"] or {}
        if len(entries) + len(loaded) <= MAX_ENTRIES:
            entries = {**loaded, **entries}
        _state["new"] = 0
    write_entries(path, _build_id(), entries, ".code-")
