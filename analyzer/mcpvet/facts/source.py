"""Reading the package's files, and which files and code regions a tool's handler reaches.

Fact gathering for the checks (`mcpvet.facts.gather`): text heuristics over the unpacked files
(handler regions by indentation or braces, import bindings by pattern) where a frontend gives no
finer fact. Checks never call these; they read the facts gathered with them."""

from __future__ import annotations

import bisect
import re
from collections import OrderedDict
from collections.abc import Iterable
from pathlib import PurePosixPath

from mcpvet.model import Language, SourceFile, SourceTree, Tool
from mcpvet.textlines import split_lines

MAX_READ_BYTES = 5 << 20


class _TreeCache:
    """What the checks derive from one source tree, computed once: the file index, module names,
    decoded texts and their lines (least recently used first out, within `_TEXT_BUDGET` characters),
    import bindings and handler regions. Every check of one analysis shares it, so that work per
    tool stays constant however many tools and files the package has."""

    def __init__(self, tree: SourceTree) -> None:
        self.tree = tree
        self.index: dict[str, SourceFile] = {f.path: f for f in tree.files}
        self.paths: set[str] = set(self.index)
        self._candidates: dict[str, str] | None = None
        self._texts: OrderedDict[str, tuple[str | None, list[str] | None]] = OrderedDict()
        self._held = 0
        self.bindings: dict[str, dict[str, str]] = {}
        self.regions: dict[tuple[str, int, int], str] = {}
        self._importers: dict[str, set[str]] | None = None
        self.siblings: tuple[object, dict[str, _SiblingLines]] | None = None

    @property
    def candidates(self) -> dict[str, str]:
        if self._candidates is None:
            self._candidates = _module_candidates(self.tree)
        return self._candidates

    def text(self, path: str) -> str | None:
        if path in self._texts:
            self._texts.move_to_end(path)
            return self._texts[path][0]
        sf = self.index.get(path)
        text: str | None = None
        if sf is not None and sf.size <= MAX_READ_BYTES:
            try:
                text = sf.abspath.read_bytes().decode("utf-8", errors="replace")
            except OSError:
                text = None
        self._keep(path, text, None)
        return text

    def lines(self, path: str) -> list[str] | None:
        text = self.text(path)
        if text is None:
            return None
        held = self._texts[path][1]
        if held is None:
            held = split_lines(text)
            self._keep(path, text, held)
        return held

    def _keep(self, path: str, text: str | None, lines: list[str] | None) -> None:
        old = self._texts.pop(path, None)
        if old is not None:
            self._held -= _weight(*old)
        self._texts[path] = (text, lines)
        self._held += _weight(text, lines)
        while self._held > _TEXT_BUDGET and len(self._texts) > 1:
            _, dropped = self._texts.popitem(last=False)
            self._held -= _weight(*dropped)

    def importers(self) -> dict[str, set[str]]:
        """file -> the other source files of the package that import it (tests and node_modules left out)."""
        if self._importers is None:
            out: dict[str, set[str]] = {}
            for f in code_files(self.tree):
                if f.role.value in ("node_modules", "test"):
                    continue
                for target in set(bindings_of(self.tree, f.path).values()):
                    out.setdefault(target, set()).add(f.path)
            self._importers = out
        return self._importers


_TEXT_BUDGET = 64 << 20  # characters of decoded text (and their lines) kept between uses
_CURRENT: _TreeCache | None = None


def _weight(text: str | None, lines: list[str] | None) -> int:
    return (len(text) if text else 0) * (2 if lines is not None else 1) + 64 * len(lines or ())


def _cache(tree: SourceTree) -> _TreeCache:
    """The cache of `tree` (one tree at a time: an analysis runs its checks on one tree)."""
    global _CURRENT
    if _CURRENT is None or _CURRENT.tree is not tree:
        _CURRENT = _TreeCache(tree)
    return _CURRENT


def read_text(tree: SourceTree | None, path: str, limit: int = MAX_READ_BYTES) -> str | None:
    """Text of a package file by its relative path; None when absent, too large or unreadable."""
    if tree is None:
        return None
    cache = _cache(tree)
    sf = cache.index.get(path)
    if sf is None or sf.size > limit:
        return None
    if sf.size <= MAX_READ_BYTES:
        return cache.text(path)
    try:
        data = sf.abspath.read_bytes()
    except OSError:
        return None
    return data.decode("utf-8", errors="replace")


def read_lines(tree: SourceTree | None, path: str) -> list[str] | None:
    """The lines of `read_text(tree, path)` (`mcpvet.textlines.split_lines`: broken at `\n`, `\r\n`, `\r`
    only), split once per file. Do not modify the list."""
    if tree is None:
        return None
    return _cache(tree).lines(path)


def code_files(tree: SourceTree | None) -> list[SourceFile]:
    if tree is None:
        return []
    return sorted((f for f in tree.files if f.language is not Language.OTHER), key=lambda f: f.path)


# ------------------------------------------------------------------ reach

def _module_candidates(tree: SourceTree) -> dict[str, str]:
    """dotted module name (every suffix) -> file path, for Python files; and path without ext for JS."""
    out: dict[str, str] = {}
    for f in tree.files:
        p = PurePosixPath(f.path)
        if f.language is Language.PYTHON:
            parts = list(p.with_suffix("").parts)
            if parts and parts[-1] == "__init__":
                parts = parts[:-1]
            for i in range(len(parts)):
                out.setdefault(".".join(parts[i:]), f.path)
        elif f.language in (Language.JAVASCRIPT, Language.TYPESCRIPT):
            out.setdefault(str(p.with_suffix("")), f.path)
            out.setdefault(f.path, f.path)
    return out


def symbol_files(symbols: Iterable[str], tree: SourceTree | None) -> set[str]:
    """Files that define the given qualified symbols (`pkg.mod.func`, `dist/lib/x.js:fn`, `dist/x.js#fn`)."""
    if tree is None:
        return set()
    cands = _cache(tree).candidates
    found: set[str] = set()
    for sym in symbols:
        head = _SYMBOL_HEAD.split(sym, maxsplit=1)[0]
        if head in cands:
            found.add(cands[head])
            continue
        parts = sym.split(".")
        for i in range(len(parts) - 1, 0, -1):
            mod = ".".join(parts[:i])
            if mod in cands:
                found.add(cands[mod])
                break
    return found


_SYMBOL_HEAD = re.compile(r"[:#]")


def tool_files(tool: Tool, tree: SourceTree | None) -> set[str]:
    """Files whose code the tool's handler is known to reach: evidence locations and call-path symbols."""
    files: set[str] = set()
    if tool.handler is not None:
        files.add(tool.handler.location.path)
    for cap in tool.capabilities:
        for ev in cap.evidence:
            files.add(ev.location.path)
            files |= symbol_files(ev.call_path, tree)
    return files


class _SiblingLines:
    """The lines of one file where a tool is declared or its handler starts, sorted, with the tool
    names; `next_other[i]` is the first index after i whose name differs from the name at i."""

    def __init__(self, entries: list[tuple[int, str]]) -> None:
        entries.sort()
        self.lines = [ln for ln, _ in entries]
        self.names = [n for _, n in entries]
        self.next_other = [len(entries)] * len(entries)
        for i in range(len(entries) - 2, -1, -1):
            self.next_other[i] = i + 1 if self.names[i + 1] != self.names[i] else self.next_other[i + 1]

    def first_after(self, line: int, name: str) -> int | None:
        """The first line > `line` where a tool other than `name` starts."""
        i = bisect.bisect_right(self.lines, line)
        if i < len(self.lines) and self.names[i] == name:
            i = self.next_other[i]
        return self.lines[i] if i < len(self.lines) else None


def _sibling_lines(siblings: Iterable[Tool], tree: SourceTree) -> dict[str, _SiblingLines]:
    """Per file, where the sibling tools start; kept for the tuple of tools of one analysis."""
    cache = _cache(tree)
    if isinstance(siblings, tuple) and cache.siblings is not None and cache.siblings[0] is siblings:
        return cache.siblings[1]
    entries: dict[str, list[tuple[int, str]]] = {}
    for other in siblings:
        for loc in (other.declared_at, other.handler.location if other.handler else None):
            if loc is not None:
                entries.setdefault(loc.path, []).append((loc.line, other.name))
    index = {path: _SiblingLines(found) for path, found in entries.items()}
    if isinstance(siblings, tuple):
        cache.siblings = (siblings, index)
    return index


def handler_region(tool: Tool, tree: SourceTree | None, siblings: Iterable[Tool] = ()) -> str:
    """The source text of the handler: the frontend's span of its code (`HandlerRef.end_line`), or,
    when no frontend gave one, an approximation by indentation (Python) or braces (JS/TS). Never
    beyond the next tool declared or handled in the same file."""
    if tool.handler is None or tree is None:
        return ""
    path, line = tool.handler.location.path, tool.handler.location.line
    lines = read_lines(tree, path)
    if lines is None:
        return ""
    start = max(0, line - 1)
    stop = min(len(lines), start + 400)
    # never run into the next tool of the same file
    found = _sibling_lines(siblings, tree).get(path)
    nxt = found.first_after(start + 1, tool.name) if found is not None else None
    if nxt is not None and nxt - 1 < stop:
        stop = nxt - 1
    end = tool.handler.end_line
    if end is not None and end >= line:
        return "\n".join(lines[start:min(stop, end)])  # the frontend's own span of the handler's code
    regions = _cache(tree).regions
    key = (path, start, stop)
    if key not in regions:
        regions[key] = _region(path, lines, start, stop)
    return regions[key]


def _region(path: str, lines: list[str], start: int, stop: int) -> str:
    if path.endswith(".py"):
        indent = len(lines[start]) - len(lines[start].lstrip()) if start < len(lines) else 0
        end = start + 1
        while end < stop:
            ln = lines[end]
            if ln.strip() and len(ln) - len(ln.lstrip()) <= indent and not ln.lstrip().startswith((")", "#")):
                break
            end += 1
        while end > start + 1 and not lines[end - 1].strip():
            end -= 1
        return "\n".join(lines[start:end])
    chunk = "\n".join(lines[start:stop])
    # the body is the first brace block outside the parameter list: `async ({ a, b }) => { … }`
    depth, parens, seen_open = 0, 0, False
    for i, ch in enumerate(chunk):
        if not seen_open:
            if ch == "(":
                parens += 1
            elif ch == ")":
                parens = max(0, parens - 1)
            elif ch == "{" and parens == 0:
                depth, seen_open = 1, True
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth <= 0:
                return chunk[: i + 1]
    return chunk


_JS_REQUIRE = re.compile(
    r"(?:const|let|var)\s+(?:\{([^}]{0,4096})\}|([\w$]+))\s*=\s*require\(\s*['\"]([^'\"]+)['\"]\s*\)"
    r"|import\s+(?:\*\s+as\s+([\w$]+)|([\w$]+)|\{([^}]{0,4096})\})\s+from\s+['\"]([^'\"]+)['\"]")
# `^[^\S\n]*`, not `^\s*`: the same matches, without rescanning every blank line from each line start
_PY_IMPORT = re.compile(r"^[^\S\n]*from\s+(\.*[\w.]*)\s+import\s+([\w, ()*]+)|^[^\S\n]*import\s+([\w.]+)(?:\s+as\s+(\w+))?", re.M)


def _resolve_js(base: str, spec: str, paths: set[str]) -> str | None:
    if not spec.startswith("."):
        return None
    target = PurePosixPath(base).parent / spec
    norm: list[str] = []
    for part in target.parts:
        if part == "..":
            if norm:
                norm.pop()
        elif part != ".":
            norm.append(part)
    cand = "/".join(norm)
    for suffix in ("", ".js", ".ts", ".mjs", ".cjs", ".tsx", "/index.js", "/index.ts"):
        if cand + suffix in paths:
            return cand + suffix
    if cand.endswith(".js"):
        for alt in (cand[:-3] + ".ts", cand[:-3] + ".tsx"):
            if alt in paths:
                return alt
    return None


def import_bindings(path: str, text: str, tree: SourceTree) -> dict[str, str]:
    """Local names bound to another file of the package by require/import in `text` -> that file."""
    cache = _cache(tree)
    paths = cache.paths
    out: dict[str, str] = {}
    if path.endswith(".py"):
        cands = cache.candidates
        pkg = ".".join(PurePosixPath(path).with_suffix("").parts[:-1])
        for m in _PY_IMPORT.finditer(text):
            if m.group(1) is not None:
                mod = m.group(1)
                if mod.startswith("."):
                    dots = len(mod) - len(mod.lstrip("."))
                    base = pkg.split(".")
                    base = base[: len(base) - (dots - 1)] if dots > 1 else base
                    mod = ".".join([*base, mod.lstrip(".")]).strip(".")
                names = [n.strip().split(" as ")[-1].strip("() ") for n in m.group(2).split(",")]
                for name in names:
                    sub = f"{mod}.{name}"
                    if sub in cands:
                        out[name] = cands[sub]
                    elif mod in cands and name:
                        out[name] = cands[mod]
            else:
                mod, alias = m.group(3), m.group(4)
                if mod in cands:
                    out[alias or mod.split(".")[0]] = cands[mod]
        return out
    for m in _JS_REQUIRE.finditer(text):
        spec = m.group(3) or m.group(7)
        target = _resolve_js(path, spec, paths)
        if target is None:
            continue
        listed: str | None = m.group(1) or m.group(6)
        if listed:
            for n in listed.split(","):
                n = n.split(":")[-1].split(" as ")[-1].strip()
                if n:
                    out[n] = target
        else:
            out[m.group(2) or m.group(4) or m.group(5)] = target
    return out


def bindings_of(tree: SourceTree, path: str) -> dict[str, str]:
    """`import_bindings` of a package file as read from the tree, computed once per file. Do not modify."""
    cache = _cache(tree)
    if path not in cache.bindings:
        cache.bindings[path] = import_bindings(path, read_text(tree, path) or "", tree)
    return cache.bindings[path]


def imported_by_package(target: str, tree: SourceTree | None) -> bool:
    """Is `target` required/imported by some other source file of the package?"""
    if tree is None:
        return False
    return any(path != target for path in _cache(tree).importers().get(target, ()))
