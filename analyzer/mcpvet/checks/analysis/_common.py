"""Helpers shared by the analysis checks: scoring from findings, reading package files, and which
files and code regions a tool's handler reaches."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import PurePosixPath

from mcpvet.checks.interface import Facts
from mcpvet.model import Finding, Language, Severity, SourceFile, SourceTree, Tool

PENALTY: dict[Severity, float] = {
    Severity.CRITICAL: 10.0,
    Severity.HIGH: 7.0,
    Severity.MEDIUM: 2.5,
    Severity.LOW: 0.25,
    Severity.INFO: 0.0,
}
MAX_READ_BYTES = 5 << 20


def package_name(facts: Facts) -> str | None:
    """The package (server) name whose service names count as declared for every tool."""
    if facts.tree is not None and facts.tree.name:
        return facts.tree.name
    return facts.target.name or None


LOW_PENALTY_CAP = 1.0  # many low findings are still only low: together they cost at most one point


def score_from(findings: Iterable[Finding]) -> float:
    """10 minus a penalty per finding (critical 10, high 7, medium 2.5, low 0.25 up to 1 in all), floored at 0."""
    items = list(findings)
    serious = sum(PENALTY[f.severity] for f in items if f.severity > Severity.LOW)
    minor = min(LOW_PENALTY_CAP, sum(PENALTY[f.severity] for f in items if f.severity <= Severity.LOW))
    return round(max(0.0, 10.0 - serious - minor), 1)


def sort_findings(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(sorted(findings, key=lambda f: (
        -f.severity.rank, f.rule, f.tool or "", f.location.path if f.location else "",
        f.location.line if f.location else 0, f.message)))


def file_index(tree: SourceTree | None) -> dict[str, SourceFile]:
    return {f.path: f for f in tree.files} if tree is not None else {}


def read_text(tree: SourceTree | None, path: str, limit: int = MAX_READ_BYTES) -> str | None:
    """Text of a package file by its relative path; None when absent, too large or unreadable."""
    if tree is None:
        return None
    sf = file_index(tree).get(path)
    if sf is None or sf.size > limit:
        return None
    try:
        data = sf.abspath.read_bytes()
    except OSError:
        return None
    return data.decode("utf-8", errors="replace")


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
    cands = _module_candidates(tree)
    found: set[str] = set()
    for sym in symbols:
        head = re.split(r"[:#]", sym, maxsplit=1)[0]
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


def handler_region(tool: Tool, tree: SourceTree | None, siblings: Iterable[Tool] = ()) -> str:
    """The source text of the handler (approximate: by indentation for Python, braces for JS/TS)."""
    if tool.handler is None:
        return ""
    path, line = tool.handler.location.path, tool.handler.location.line
    text = read_text(tree, path)
    if text is None:
        return ""
    lines = text.splitlines()
    start = max(0, line - 1)
    stop = min(len(lines), start + 400)
    for other in siblings:  # never run into the next tool of the same file
        for loc in (other.declared_at, other.handler.location if other.handler else None):
            if loc is not None and loc.path == path and start < loc.line - 1 < stop and other.name != tool.name:
                stop = loc.line - 1
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
    r"(?:const|let|var)\s+(?:\{([^}]*)\}|([\w$]+))\s*=\s*require\(\s*['\"]([^'\"]+)['\"]\s*\)"
    r"|import\s+(?:\*\s+as\s+([\w$]+)|([\w$]+)|\{([^}]*)\})\s+from\s+['\"]([^'\"]+)['\"]")
_PY_IMPORT = re.compile(r"^\s*from\s+(\.*[\w.]*)\s+import\s+([\w, ()*]+)|^\s*import\s+([\w.]+)(?:\s+as\s+(\w+))?", re.M)


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
    paths = {f.path for f in tree.files}
    out: dict[str, str] = {}
    if path.endswith(".py"):
        cands = _module_candidates(tree)
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
        names = m.group(1) or m.group(6)
        if names:
            for n in names.split(","):
                n = n.split(":")[-1].split(" as ")[-1].strip()
                if n:
                    out[n] = target
        else:
            out[m.group(2) or m.group(4) or m.group(5)] = target
    return out


def tool_reaches_file(tool: Tool, target: str, tree: SourceTree | None, siblings: Iterable[Tool] = ()) -> bool:
    """Does the tool's handler reach `target`: through evidence / call paths, or by using a name its file
    binds to `target` inside the handler's own code."""
    if tree is None:
        return False
    if target in tool_files(tool, tree):
        return True
    if target in symbol_files(tool.unresolved_calls, tree):
        return True
    if tool.handler is None:
        return False
    text = read_text(tree, tool.handler.location.path) or ""
    bindings = {n: f for n, f in import_bindings(tool.handler.location.path, text, tree).items() if f == target}
    if not bindings:
        return False
    region = handler_region(tool, tree, siblings)
    return any(re.search(rf"(?<![\w$.]){re.escape(n)}\s*[.(\[]", region) for n in bindings)


def imported_by_package(target: str, tree: SourceTree | None) -> bool:
    """Is `target` required/imported by some other source file of the package?"""
    if tree is None:
        return False
    for f in code_files(tree):
        if f.path == target or f.role.value in ("node_modules", "test"):
            continue
        text = read_text(tree, f.path)
        if text and target in import_bindings(f.path, text, tree).values():
            return True
    return False
