"""Compiled regular expressions kept between runs, as Python keeps compiled modules in .pyc files.

mcpvet's modules compile a few hundred regular expressions when they load (the poisoning and
credential lexicons, file scans, parsers' token tables); Python's `re` compiles each one in pure
Python on every run, which cost about a fifth of the CPU time of a small package's whole
analysis. The result of that compilation is plain data (the opcode list `_sre.compile` builds a
pattern from), so the CLI stores it once in the cache folder and later runs rebuild the same
pattern objects from it.

Safety of the shortcut:
- Patterns are compiled the way `re._compiler.compile` does (parse, generate the code, hand it
  to `_sre.compile`), keeping the arguments; the first one of each process is compiled by `re`
  as well and must compare equal (`Pattern.__eq__` compares pattern text, flags and the compiled
  code), else nothing is cached.
- The file is keyed by the exact Python build and `_sre.MAGIC`; any other interpreter, or a file
  that cannot be read, is ignored (then `re` compiles as usual).
- Only patterns that are part of the program are kept: those compiled while a module of mcpvet
  or of a library it imports is being loaded, written as a literal in the mcpvet function
  compiling them, or a constant of its module. A pattern built at run time from a package's
  contents is compiled as usual and never stored.
- At most `MAX_ENTRIES` patterns: past that, the file is rewritten with the patterns of this run.

`install()` is called by the CLI before the analysis modules load; the library used on its own
(`import mcpvet.api`) compiles as usual. `MCPVET_REGEX_CACHE=0` turns it off.
"""

from __future__ import annotations

import array
import atexit
import os
import re
import sys
from pathlib import Path
from typing import Any

from mcpvet.marshalfile import ForkSafeLock, read_entries, write_entries

_sre: Any
try:  # CPython's regular expression internals (3.11+); anything else: no cache
    import _sre  # type: ignore[import-not-found,no-redef]
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - other interpreters
    _sre = None

MAX_ENTRIES = 4000
ENV = "MCPVET_REGEX_CACHE"
_PKG = str(Path(__file__).resolve().parent) + os.sep
_RE_FILES = (os.path.dirname(re.__file__) + os.sep,)

Key = tuple[bool, str | bytes, int]  # (is bytes, pattern, flags)
# _sre.compile's arguments after the pattern; the code as the bytes of an array of 32-bit words
Entry = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]

_lock = ForkSafeLock()  # free again in a forked child (the parse worker)
_state: dict[str, Any] = {"installed": False, "path": None, "loaded": {}, "used": {}, "new": 0, "checked": False}


def cache_file(folder: Path) -> Path:
    tag = f"{sys.implementation.cache_tag}-{getattr(_sre, 'MAGIC', 0)}"
    return folder / "regex" / f"{tag}.marshal"


def _build_id() -> str:
    return f"{sys.version}|{getattr(_sre, 'MAGIC', 0)}|{getattr(_sre, 'CODESIZE', 0)}"


def _load(path: Path) -> dict[Key, Entry]:
    return read_entries(path, _build_id())


def _static(pattern: str | bytes) -> bool:
    """Whether the pattern being compiled is part of mcpvet's program: compiled while one of its
    modules loads, a literal of the function that compiles it, or a constant of that module."""
    frame = sys._getframe(2)
    while frame is not None and frame.f_code.co_filename.startswith(_RE_FILES):
        frame = frame.f_back  # type: ignore[assignment]
    if frame is None:
        return False
    if frame.f_code.co_filename.startswith(_PKG) and (
            pattern in frame.f_code.co_consts
            or any(v is pattern or (type(v) is type(pattern) and v == pattern) for v in frame.f_globals.values())):
        return True
    depth = 0
    while frame is not None and depth < 4:  # a helper (`_rx(...)`) called from a module's body
        if frame.f_code.co_name == "<module>":
            # mcpvet's own module, or a library's (packaging, yaml, email, json…) being imported:
            # its patterns are constants of the program too; a script's body (__main__) is not
            return frame.f_code.co_filename.startswith(_PKG) or frame.f_globals.get("__name__") != "__main__"
        frame = frame.f_back  # type: ignore[assignment]
        depth += 1
    return False


_WORD = "I"


def _rebuild(p: str | bytes, entry: Entry) -> Any:
    flags, code, groups, groupindex, indexgroup = entry
    words = array.array(_WORD)
    words.frombytes(code)
    return _sre.compile(p, flags, words.tolist(), groups, groupindex, indexgroup)


def _compile_recorded(p: Any, flags: int) -> Any:
    """`re._compiler.compile` with the arguments it hands `_sre.compile` kept for the cache."""
    if not isinstance(p, (str, bytes)) or flags & re.DEBUG:
        return _ORIGINAL(p, flags)
    key: Key = (isinstance(p, bytes), p, flags)
    loaded = _state["loaded"]
    if loaded is None:  # read on the first compilation, not at start-up (`--help` compiles nothing)
        loaded = _state["loaded"] = _load(_state["path"])
    entry = loaded.get(key)
    if entry is not None:
        try:
            pattern = _rebuild(p, entry)
        except Exception:  # noqa: BLE001 - a damaged entry: compile as usual
            pass
        else:
            _state["used"][key] = entry
            return pattern
    if not _static(p):
        return _ORIGINAL(p, flags)
    # what re._compiler.compile does, with _sre.compile's arguments kept; checked against it on
    # the first pattern of the process (and whenever the check failed before)
    parsed = _parser.parse(p, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    entry = (int(flags | parsed.state.flags), array.array(_WORD, code).tobytes(), parsed.state.groups - 1,
             groupindex, tuple(indexgroup))
    try:
        pattern = _rebuild(p, entry)
    except Exception:  # noqa: BLE001 - not rebuildable: compiled as usual, not cached
        return _ORIGINAL(p, flags)
    if not _state["checked"]:
        reference = _ORIGINAL(p, flags)
        if reference != pattern:
            return reference  # this Python compiles differently: nothing is cached
        _state["checked"] = True
    with _lock:
        _state["used"][key] = entry
        _state["new"] += 1
    return pattern


_ORIGINAL: Any = getattr(_compiler, "compile", None) if _sre is not None else None


def install(folder: Path | None) -> bool:
    """Serve compiled patterns from `folder`'s cache and add this run's new ones at exit. False
    (nothing changed) when there is no folder, the interpreter is not CPython 3.11+ or
    MCPVET_REGEX_CACHE=0."""
    if _state["installed"] or folder is None or _ORIGINAL is None or os.environ.get(ENV, "1").strip() == "0":
        return False
    if array.array(_WORD).itemsize != getattr(_sre, "CODESIZE", 0):
        return False
    _state.update(installed=True, path=cache_file(folder), loaded=None)
    _compiler.compile = _compile_recorded
    atexit.register(save)
    return True


def uninstall() -> None:
    """Back to `re` as it was (tests)."""
    if _state["installed"]:
        _compiler.compile = _ORIGINAL
        atexit.unregister(save)
    _state.update(installed=False, path=None, loaded={}, used={}, new=0, checked=False)


def save() -> None:
    """Write the cache when this run compiled patterns it did not hold: this run's patterns and,
    while there is room, the others it held. Never raises (a read-only or full disk: no cache)."""
    path: Path | None = _state["path"]
    if path is None or not _state["new"]:
        return
    with _lock:
        entries = dict(_state["used"])
        loaded: dict[Key, Entry] = _state["loaded"] or {}
        if len(entries) + len(loaded) <= MAX_ENTRIES:
            entries = {**loaded, **entries}
        _state["new"] = 0
    write_entries(path, _build_id(), entries, ".regex-")
