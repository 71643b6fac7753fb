"""Parsing Python files of an untrusted package: module names and the isolated parse worker.

The worker reads one file, gates it with `ast.parse` (the C parser, which rejects what it cannot
handle with a SyntaxError instead of crashing) and checks the tree's depth; the parent then
parses the vetted file again itself (shipping trees between processes costs more than parsing). It runs under
`mcpvet.isolate.map_isolated`, so a file that makes the parser stall or eat memory costs one
`errors[]` entry. The tree is never compiled or executed.
"""

from __future__ import annotations

import ast
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from mcpvet.frontends.python.newsyntax import downgrade

# Deeper trees are refused: the analysis walks them recursively, and nothing real nests this deep.
MAX_DEPTH = 400


@dataclass(frozen=True)
class ParseJob:
    path: str  # relative POSIX path
    abspath: str
    max_bytes: int
    return_tree: bool = False  # the worker only vets the file; the parent parses it again


@dataclass(frozen=True)
class ParsedFile:
    path: str
    tree: ast.Module | None
    lines: int
    error: str | None = None


def _depth_ok(tree: ast.AST) -> bool:
    stack: list[tuple[ast.AST, int]] = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return False
        for child in ast.iter_child_nodes(node):
            stack.append((child, depth + 1))
    return True


def parse_job(job: ParseJob) -> ParsedFile:
    """Worker body: read, gate and parse one file (module-level so that it can run in a fork)."""
    data = Path(job.abspath).read_bytes()
    if len(data) > job.max_bytes:
        return ParsedFile(job.path, None, 0, f"file too large to analyse ({len(data)} bytes > {job.max_bytes})")
    lines = data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)
    try:
        tree = parse_source(data, job.path)
    except SyntaxError as exc:
        return ParsedFile(
            job.path,
            None,
            lines,
            f"syntax error: {exc.msg} (line {exc.lineno}; parsed with the Python {sys.version_info.major}."
            f"{sys.version_info.minor} grammar mcpvet runs on)",
        )
    except ValueError as exc:  # e.g. source code string cannot contain null bytes
        return ParsedFile(job.path, None, lines, f"cannot parse: {exc}")
    if not _depth_ok(tree):
        return ParsedFile(job.path, None, lines, f"syntax tree nested deeper than {MAX_DEPTH} levels; not analysed")
    if not job.return_tree:
        return ParsedFile(job.path, None, lines)
    return ParsedFile(job.path, tree, lines)


def reparse(job: ParseJob) -> ast.Module:
    """Parse again in this process a file the isolated worker has already parsed without trouble
    (cheaper than shipping the tree across the process boundary)."""
    return parse_source(Path(job.abspath).read_bytes(), job.path)


def parse_source(data: bytes, path: str) -> ast.Module:
    """`ast.parse`, and on a SyntaxError a second try with Python 3.12 type-parameter syntax
    rewritten for the 3.11 grammar (columns kept); the first error stands when that fails too."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return ast.parse(data, filename=path, type_comments=False)
        except SyntaxError:
            rewritten = downgrade(data)
            if rewritten is None:
                raise
            try:
                return ast.parse(rewritten, filename=path, type_comments=False)
            except SyntaxError:
                pass
        return ast.parse(data, filename=path, type_comments=False)  # raises the original error


def module_name(path: str, all_paths: frozenset[str]) -> str:
    """Dotted module name of a .py file: its path below the import root.

    The import root is the folder above the outermost package (a folder with `__init__.py`) that
    contains the file, with a leading `src/` always treated as the import root. Folders without
    `__init__.py` inside a package are namespace packages (PEP 420): `pkg/sub/tools.py` is
    `pkg.sub.tools`, so that two `tools.py` in different such folders stay apart.
    """
    p = PurePosixPath(path)
    parts = list(p.with_suffix("").parts)
    if parts and parts[0] == "src" and len(parts) > 1 and "src/__init__.py" not in all_paths:
        parts = parts[1:]
        return _join(parts)
    ancestors = [f for f in p.parents if str(f) not in ("", ".")]  # nearest first
    packages = [i for i, f in enumerate(ancestors) if str(f / "__init__.py") in all_paths]
    if not packages:
        return _join([p.stem])
    top = ancestors[max(packages)]
    return _join(list(p.with_suffix("").relative_to(top.parent).parts))


def _join(parts: list[str]) -> str:
    if parts and parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts) if parts else "__init__"
