"""Parsing Python files of an untrusted package: module names and the isolated parse worker.

The worker reads one file, gates it with `ast.parse` (the C parser, which rejects what it cannot
handle with a SyntaxError instead of crashing) and checks the tree's depth; the parent then
parses the vetted file again itself (shipping trees between processes costs more than parsing).
A file the 3.11 parser rejects is read with libcst's parser for newer syntax (`newsyntax`), in
the worker only (libcst can abort the process), and that tree is shipped to the parent. It runs
under `mcpvet.isolate.map_isolated`, so a file that makes a parser stall, crash or eat memory
costs one `errors[]` entry. The tree is never compiled or executed.

What can be read from one file's tree alone is read in the worker, from the tree it has built
(either parser's), and shipped with the verdict: the shapes of its functions (`shapes`) and its
reads of the environment (`envreads`, for a file whose text names `environ` or `getenv`).
"""

from __future__ import annotations

import ast
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from mcpvet.analysis import collection
from mcpvet.frontends.python.astwalk import walk_within
from mcpvet.frontends.python.envreads import env_reads
from mcpvet.frontends.python.shapes import function_shapes
from mcpvet.model import EnvRead, FunctionShape
from mcpvet.textlines import editor_bytes

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
    env_reads: tuple[EnvRead, ...] = ()  # `envreads.env_reads` of the tree
    functions: tuple[FunctionShape, ...] = ()  # the shape of each function (`shapes.function_shapes`)
    unread: tuple[str, ...] = ()  # what could not be read from the tree (errors[] messages)


def parse_job(job: ParseJob) -> ParsedFile:
    """Worker body: read, gate and parse one file (module-level so that it can run in a fork)."""
    with collection.paused():  # the tree is all there is to collect, and it has no cycles
        return _parse_job(job)


def _parse_job(job: ParseJob) -> ParsedFile:
    data = Path(job.abspath).read_bytes()
    if len(data) > job.max_bytes:
        return ParsedFile(job.path, None, 0, f"file too large to analyse ({len(data)} bytes > {job.max_bytes})")
    counted = editor_bytes(data)  # Python's parser ends a line at \n, \r\n and \r
    lines = counted.count(b"\n") + (1 if counted and not counted.endswith(b"\n") else 0)
    newer = False
    try:
        tree = parse_source(data, job.path)
    except SyntaxError as exc:
        from mcpvet.frontends.python.newsyntax import NewerSyntaxError, parse_newer  # libcst loads only for such files

        try:
            tree, newer = parse_newer(data, job.path), True
        except NewerSyntaxError as cst_exc:
            # libcst reads any syntax up to 3.14: where it stops is where the file is wrong
            where = f"line {cst_exc.lineno}" if cst_exc.lineno and cst_exc.lineno > 1 or exc.lineno in (None, 1) \
                else f"line {exc.lineno}"
            return ParsedFile(job.path, None, lines, f"syntax error: {cst_exc.msg} ({where}; libcst's parser for Python "
                              f"3.0-3.14 stopped at line {cst_exc.lineno}, the Python {_RUNNING} parser at line "
                              f"{exc.lineno})")
        except (SyntaxError, ValueError, RecursionError, MemoryError) as conv_exc:
            return ParsedFile(job.path, None, lines, f"syntax error: {exc.msg} (line {exc.lineno}; parsed with the "
                              f"Python {_RUNNING} grammar mcpvet runs on; libcst read the file but it could not be "
                              f"converted: {type(conv_exc).__name__}: {conv_exc})")
    except ValueError as exc:  # e.g. source code string cannot contain null bytes
        return ParsedFile(job.path, None, lines, f"cannot parse: {exc}")
    nodes = walk_within(tree, MAX_DEPTH)  # the tree's nodes in `ast.walk` order, listed once for the passes below
    if nodes is None:
        return ParsedFile(job.path, None, lines, f"syntax tree nested deeper than {MAX_DEPTH} levels; not analysed")
    unread: list[str] = []
    reads: list[EnvRead] = []
    if b"environ" in data or b"getenv" in data:  # most modules never touch the environment
        try:
            reads = env_reads(tree, job.path, nodes)
        except RecursionError:
            unread.append("environment reads not read (nested too deeply)")
    shapes, too_deep = function_shapes(tree, job.path, nodes)
    if too_deep:
        unread.append(f"returned text and exhaustion sites not read (nested too deeply) in {too_deep}")
    shipped = tree if job.return_tree or newer else None  # a libcst tree is shipped: the parent never runs libcst
    return ParsedFile(job.path, shipped, lines, env_reads=tuple(reads), functions=tuple(shapes), unread=tuple(unread))


_RUNNING = f"{sys.version_info.major}.{sys.version_info.minor}"


def reparse(job: ParseJob) -> ast.Module:
    """Parse again in this process a file the isolated worker has already parsed without trouble
    with `ast` (cheaper than shipping the tree across the process boundary)."""
    return parse_source(Path(job.abspath).read_bytes(), job.path)


def parse_source(data: bytes, path: str) -> ast.Module:
    """`ast.parse` of the 3.11 grammar (warnings about the analysed code silenced)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ast.parse(data, filename=path, type_comments=False)


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
