"""JSON files of the analysed package that its code loads as modules (`require("./tools.json")`,
`import spec from "./spec.json" with {type: "json"}`): their value is the parsed document.

Only regular files of the unpacked tree (discovery never lists links), small (MAX_JSON_BYTES) and
with at most MAX_JSON_NODES values; anything else stays unknown.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from mcpvet.frontends.javascript.facts import IR
from mcpvet.frontends.javascript.ir import KV, Arr, Bool, Null, Num, Obj, Str, Unk

MAX_JSON_BYTES = 256 * 1024
MAX_JSON_NODES = 20_000


class JsonModules:
    """The JSON documents of one package by relative path, parsed on first use."""

    def __init__(self, files: Mapping[str, Path] | None = None) -> None:
        self._files = dict(files or {})
        self._cache: dict[str, IR | None] = {}

    def __contains__(self, path: str) -> bool:
        return path in self._files

    def value(self, path: str) -> IR | None:
        """The document as IR, Unk when it is too large or not JSON, None when no such file."""
        if path not in self._files:
            return None
        if path not in self._cache:
            self._cache[path] = _load(self._files[path])
        return self._cache[path]


def _load(path: Path) -> IR:
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_JSON_BYTES + 1)
    except OSError:
        return Unk("JSON module not readable")
    if len(data) > MAX_JSON_BYTES:
        return Unk(f"JSON module over {MAX_JSON_BYTES} bytes")
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return Unk("JSON module not valid JSON")
    budget = [MAX_JSON_NODES]
    ir = to_ir(doc, budget)
    return ir if budget[0] >= 0 else Unk(f"JSON module with over {MAX_JSON_NODES} values")


def to_ir(doc: object, budget: list[int]) -> IR:
    """A parsed JSON value as IR literals (`budget[0]` counts down the values converted)."""
    budget[0] -= 1
    if budget[0] < 0:
        return Unk("JSON module too large")
    match doc:
        case bool():
            return Bool(doc)
        case int() | float():
            return Num(doc)
        case str():
            return Str(doc)
        case None:
            return Null()
        case list():
            return Arr(tuple(to_ir(item, budget) for item in doc))
        case dict():
            return Obj(tuple(KV(str(k), to_ir(v, budget)) for k, v in doc.items()))
    return Unk("JSON value")


def json_files(files: Mapping[str, tuple[Path, int]]) -> dict[str, Path]:
    """The `.json` files small enough to be read, from (path -> (abspath, size))."""
    return {p: a for p, (a, size) in files.items() if p.endswith(".json") and size <= MAX_JSON_BYTES}
