"""Which files of an unpacked npm dependency the package's imports reach.

A specifier `dep/lib/x` is resolved as Node would for a `require` (or `import`) from the package:
through the dependency's `exports` map when it has one (conditions `node`, `require`, `import`,
`default`, in the map's own order), else as a path inside it with Node's extensions and `index`
files, `main` for the bare name. From those files, their relative imports are followed
(`require("./y")`, `import … from "./y"`, `export … from "./y"`, `import("./y")`) within the
dependency, breadth first, up to a number of files and of bytes: what the package loads from it,
not the whole dependency.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_EXTENSIONS = ("", ".js", ".cjs", ".mjs", ".json", ".ts", ".mts", ".cts")
_CODE = (".js", ".cjs", ".mjs", ".ts", ".mts", ".cts", ".jsx", ".tsx")
_CONDITIONS = ("node", "require", "import", "default")
_RELATIVE = re.compile(
    r"""(?:\brequire\s*\(\s*|\bimport\s*\(\s*|\bfrom\s*|\bimport\s+)(['"])(\.{1,2}/[^'"\n]{0,300}|\.{1,2})\1""")

# a bare specifier another package is imported by (`from "@scope/pkg"`, `require("pkg/sub")`)
_BARE = re.compile(
    r"""(?:\brequire\s*\(\s*|\bimport\s*\(\s*|\bfrom\s*|\bimport\s+)(['"])((?:@[\w.-]+/)?[\w][\w.-]*(?:/[^'"\n]{0,200})?)\1""")


@dataclass
class Selection:
    """The files chosen (paths relative to the dependency's root), and what was left out and why."""

    files: list[str] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)  # specifiers that name no file
    cut: str | None = None  # the budget that stopped the walk, in words
    left_out: list[str] = field(default_factory=list)  # files imported but not selected (a budget)
    bytes: int = 0
    entries: dict[str, str] = field(default_factory=dict)  # each specifier resolved -> the file it names
    imports: set[str] = field(default_factory=set)  # bare specifiers the selected files import


def _inside(root: Path, rel: str) -> Path | None:
    rel = posixpath.normpath(rel)
    if rel.startswith("../") or rel == ".." or rel.startswith("/"):
        return None
    path = root / rel
    try:
        if path.is_file() and not path.is_symlink():
            return path
    except OSError:
        return None
    return None


def _as_file(root: Path, rel: str) -> str | None:
    """`rel` as Node resolves a path: the file, with an extension added, or the folder's index."""
    rel = posixpath.normpath(rel.removeprefix("./"))
    for ext in _EXTENSIONS:
        if _inside(root, rel + ext) is not None:
            return posixpath.normpath(rel + ext)
    for ext in _EXTENSIONS[1:]:
        cand = posixpath.join(rel, "index" + ext)
        if _inside(root, cand) is not None:
            return cand
    return None


def _export_target(value: Any, depth: int = 0) -> str | None:
    """The path a conditional `exports` value gives for Node (first matching condition)."""
    if depth > 8:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        for item in value:
            found = _export_target(item, depth + 1)
            if found is not None:
                return found
        return None
    if isinstance(value, dict):
        for key, item in value.items():
            if key in _CONDITIONS:
                found = _export_target(item, depth + 1)
                if found is not None:
                    return found
    return None


def _through_exports(exports: Any, subpath: str) -> str | None:
    """`subpath` ("." or "./lib/x") through an `exports` map; None when the map does not export it."""
    if isinstance(exports, (str, list)) or (isinstance(exports, dict) and not any(k.startswith(".") for k in exports)):
        return _export_target(exports) if subpath == "." else None
    if not isinstance(exports, dict):
        return None
    if subpath in exports:
        return _export_target(exports[subpath])
    best: tuple[int, str] | None = None
    for key, value in exports.items():
        if not isinstance(key, str) or key.count("*") != 1:
            continue
        head, tail = key.split("*")
        if subpath.startswith(head) and subpath.endswith(tail) and len(subpath) >= len(head) + len(tail):
            target = _export_target(value)
            if isinstance(target, str) and (best is None or len(head) > best[0]):
                best = (len(head), target.replace("*", subpath[len(head):len(subpath) - len(tail)]))
    return best[1] if best else None


def manifest_of(root: Path) -> dict[str, Any]:
    path = _inside(root, "package.json")
    if path is None:
        return {}
    try:
        doc = json.loads(path.read_bytes()[: 16 << 20].decode("utf-8-sig"))
    except (OSError, ValueError, RecursionError):
        return {}
    return doc if isinstance(doc, dict) else {}


def resolve(root: Path, package: str, specifier: str, manifest: Mapping[str, Any]) -> str | None:
    """The file (relative to the dependency's root) that `specifier` of `package` loads, or None."""
    sub = specifier[len(package):].lstrip("/")
    subpath = "./" + sub if sub else "."
    exports = manifest.get("exports")
    if exports is not None:
        target = _through_exports(exports, subpath)
        return _as_file(root, target) if isinstance(target, str) else None
    if sub:
        return _as_file(root, sub)
    main = manifest.get("main")
    return (_as_file(root, main) if isinstance(main, str) and main else None) or _as_file(root, "index")


def select(root: Path, package: str, specifiers: Iterable[str], max_files: int, max_bytes: int) -> Selection:
    """The files `specifiers` load from the dependency unpacked at `root`, with their relative imports."""
    manifest = manifest_of(root)
    out = Selection()
    queue: deque[str] = deque()
    seen: set[str] = set()
    for spec in sorted(specifiers):
        rel = resolve(root, package, spec, manifest)
        if rel is None:
            out.unresolved.append(spec)
        else:
            out.entries[spec] = rel
            if rel not in seen:
                seen.add(rel)
                queue.append(rel)
    while queue:
        rel = queue.popleft()
        path = root / rel
        try:
            size = path.stat().st_size
        except OSError:
            continue
        if len(out.files) >= max_files:
            out.cut = f"more than {max_files} files are imported"
            out.left_out += [rel, *queue]
            break
        if out.bytes + size > max_bytes:
            out.cut = f"the imported files are over {max_bytes} bytes"
            out.left_out.append(rel)
            continue
        out.files.append(rel)
        out.bytes += size
        if not rel.endswith(_CODE):
            continue
        try:
            text = path.read_bytes().decode("utf-8", errors="replace")
        except OSError:
            continue
        out.imports.update(m.group(2) for m in _BARE.finditer(text))
        for m in _RELATIVE.finditer(text):
            target = _as_file(root, posixpath.join(posixpath.dirname(rel), m.group(2)))
            if target is not None and target not in seen:
                seen.add(target)
                queue.append(target)
    return out
