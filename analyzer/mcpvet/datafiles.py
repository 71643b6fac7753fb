"""Data files a package ships, parsed as data: JSON, YAML and TOML, never executed.

A server that keeps its tool table (names, descriptions, input schemas) in a file of its own and reads it
at start lists what that file says; the language frontends read such a file when the code names it by a
constant path inside the package, and turn the parsed document into their own values. Shared by the
frontends so that every language parses the same way under the same limits:

- YAML through the safe loader only, whatever loader the code names (no tags that build objects);
- at most MAX_NODES values per document (YAML aliases can make a small file huge), MAX_DATA_BYTES per file;
- anything that does not parse, or is too large, is an error with its reason, never a partial value.
"""

from __future__ import annotations

import json
import posixpath
import tomllib
from collections.abc import Callable

import yaml

MAX_NODES = 20_000
MAX_DATA_BYTES = 2 << 20  # a data file read by the code (an OpenAPI document is often a few hundred KiB)


class DataError(Exception):
    """Why a data file's text gives no value (for errors[] and unknown values)."""


def _yaml(text: str) -> object:
    return yaml.safe_load(text)


# a format -> how its text is parsed
PARSERS: dict[str, Callable[[str], object]] = {
    "json": json.loads,
    "yaml": _yaml,
    "toml": tomllib.loads,
}
SUFFIXES = {".json": "json", ".yaml": "yaml", ".yml": "yaml", ".toml": "toml"}


def format_of(path: str) -> str | None:
    """The data format a file's name says (None: not a data file by its name)."""
    dot = path.rfind(".")
    return SUFFIXES.get(path[dot:].lower()) if dot >= 0 else None


def parse(text: str, fmt: str) -> object:
    """The document TEXT in format FMT ("json", "yaml", "toml") as plain Python data (dicts, lists,
    strings, numbers, booleans, None; YAML/TOML dates stay dates). Raises DataError."""
    parser = PARSERS.get(fmt)
    if parser is None:
        raise DataError(f"not a known data format ({fmt})")
    try:
        data = parser(text)
    except (ValueError, yaml.YAMLError, tomllib.TOMLDecodeError, RecursionError):
        raise DataError("the file does not parse (or uses YAML tags the safe loader refuses)") from None
    if count(data, MAX_NODES + 1) > MAX_NODES:
        raise DataError(f"the document has more than {MAX_NODES} values")
    return data


def count(data: object, limit: int) -> int:
    """The number of values in DATA (containers and scalars), counted up to LIMIT (aliases counted per use)."""
    seen = 0
    stack = [data]
    while stack and seen < limit:
        item = stack.pop()
        seen += 1
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
    return seen


def package_join(base: str, *parts: str) -> str | None:
    """`base / part / ...` inside the package (paths relative to its root, "" the root itself),
    normalised; None when it leaves the root or a part is absolute (a path outside the package)."""
    for part in parts:
        if part.startswith("/") or "\\" in part or "\x00" in part:
            return None
    joined = posixpath.normpath(posixpath.join(base or ".", *parts))
    if joined == ".":
        return ""
    if joined == ".." or joined.startswith("../") or joined.startswith("/"):
        return None
    return joined


def package_parent(path: str) -> str | None:
    """The folder holding a package path (None above the package root)."""
    return None if path == "" else posixpath.dirname(path)
