"""Data files the package's code reads at start, named when tools could not be listed.

A server may build its tools at start from data it ships (an OpenAPI document whose operations become
tools, a folder of tool manifests) by code the evaluator does not follow to the end. The tools are then
not reported, and errors[] says so; this module adds which files of the package that code reads (each
read call whose path, under the bindings of its call sites, is a data file of the package), what each
holds (an OpenAPI document's operations, a list's length, a document's keys) and where it is read, so
the gap is specific: what is stated is what the code reads, never which tools it would make of it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from mcpvet.datafiles import format_of
from mcpvet.frontends.javascript import datavalues
from mcpvet.frontends.javascript.ir import KV, ArrV, Env, Ext, FileRef, ObjV, Str, Value
from mcpvet.frontends.javascript.program import EMPTY, Program, describe_value

HTTP_METHODS = ("get", "put", "post", "delete", "patch", "options", "head", "trace")
MAX_READS = 200  # read calls looked at per package
MAX_SHOWN = 3
MAX_PARSED = 300  # data documents parsed to tell which folders hold declarations
MAX_PARSED_PER_FOLDER = 20
DECL_NAMES = frozenset({"name", "names", "id", "tool", "title"})  # keys naming what a document declares
MAX_WALKED = 5000  # files of the package looked at for folders of data files
# directory listings: `fs.readdirSync(dir)`, `fs.promises.readdir`, `readdir` of node:fs/promises, fs-extra
LISTERS = {("fs", ("readdirSync",)), ("fs", ("readdir",)), ("fs", ("promises", "readdir")),
           ("fs/promises", ("readdir",)), ("fs-extra", ("readdirSync",)), ("fs-extra", ("readdir",))}


def data_reads(program: Program, envs: Callable[[str], list[Env]]) -> list[tuple[str, int, str]]:
    """(file of the read call, its line, the data file read), for every call of a file reader in the
    package's code whose path is a data file of the package, under no bindings or those of a call site."""
    found: dict[str, tuple[str, int, str]] = {}
    looked = 0
    for fid in sorted(program.functions):
        f = program.functions[fid]
        for call in f.calls:
            if looked >= MAX_READS or program.out_of_time():
                return sorted(found.values(), key=lambda r: (r[2], r[0], r[1]))
            callee = program.value(call.callee, EMPTY)
            if not isinstance(callee, Ext) or not call.args or (callee.module, callee.names) not in (
                    datavalues.READERS | datavalues.JSON_READERS):
                continue
            looked += 1
            for env in [EMPTY, *envs(fid)[:20]]:
                where = program.value(call.args[0], env)
                if isinstance(where, FileRef) and where.form in ("", "url") and format_of(where.path):
                    found.setdefault(where.path, (f.path, call.line, where.path))
                    break
    return sorted(found.values(), key=lambda r: (r[2], r[0], r[1]))


def describe(doc: Value, program: Program) -> str:
    """What a data document holds, in a few words."""
    if isinstance(doc, ArrV):
        return f"a list of {len(doc.items)} entries"
    if not isinstance(doc, ObjV):
        return "a document that could not be read (" + describe_value(doc) + ")"
    keys = [e.key for e in doc.entries if isinstance(e, KV)]
    if not (("openapi" in keys or "swagger" in keys) and "paths" in keys):
        return "a document with the keys " + ", ".join(keys[:6]) + (", …" if len(keys) > 6 else "")
    paths = program.member(doc, "paths", 0)
    ops: list[str] = []
    for where, item in _entries(paths, program):
        for method, op in _entries(item, program):
            if method.lower() in HTTP_METHODS:
                op_id = program.member(op, "operationId", 0)
                ops.append(op_id.value if isinstance(op_id, Str) else f"{method.upper()} {where}")
    shown = ", ".join(ops[:5]) + (", …" if len(ops) > 5 else "")
    return f"an OpenAPI document with {len(ops)} operations ({shown})" if ops else "an OpenAPI document"


def _entries(obj: Value, program: Program) -> list[tuple[str, Value]]:
    """The (key, value) pairs of an object value (none for anything else)."""
    if not isinstance(obj, ObjV):
        return []
    return [(e.key, program.value(e.value, obj.env)) for e in obj.entries if isinstance(e, KV)]


def folder_reads(program: Program, envs: Callable[[str], list[Env]]) -> list[tuple[str, int, str]]:
    """(file, line, the folder or why it is not known), for every listing of a folder (LISTERS) in a
    function of the package's code that also reads files (READERS): the code reads the files it lists."""
    found: list[tuple[str, int, str]] = []
    for fid in sorted(program.functions):
        f = program.functions[fid]
        listing, reads = None, False
        for call in f.calls:
            if program.out_of_time():
                return found
            callee = program.value(call.callee, EMPTY)
            if not isinstance(callee, Ext):
                continue
            key = (callee.module, callee.names)
            reads = reads or key in datavalues.READERS
            if listing is None and key in LISTERS and call.args:
                listing = call
        if listing is None or not reads:
            continue
        where, whys = "", []
        root = program.files.root
        for env in [EMPTY, *envs(fid)[:20]]:
            v = program.value(listing.args[0], env)
            if isinstance(v, FileRef) and v.form == "":
                if root is not None and (root / (v.path or ".")).is_dir():
                    where = f"the folder {v.path or '.'}"
                    break
                whys.append(f"{v.path or '.'} is no folder of the package")
                continue
            whys.append(describe_value(v))
        if not where:  # the reason from a call site's bindings says more than "a parameter"
            why = next((w for w in whys[1:] if w != "a parameter"), whys[0])
            where = f"a folder not known statically, {why}"
        found.append((f.path, listing.line, where))
    return found


def data_folders(root: str) -> list[tuple[str, str, int, list[str]]]:
    """(folder, format, how many files, their paths) for each folder of the package holding at least two
    data files of one format (JSON, YAML, TOML), outside node_modules; at most MAX_WALKED files looked at."""
    if not root or not os.path.isdir(root):
        return []
    counts: dict[tuple[str, str], list[str]] = {}
    walked = 0
    for here, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "node_modules" and not d.startswith("."))
        for name in sorted(files):
            walked += 1
            if walked > MAX_WALKED:
                break
            fmt = format_of(name)
            if fmt is not None and name != "package.json":
                rel = Path(here).relative_to(root).as_posix()
                counts.setdefault((rel, fmt), []).append(name if rel == "." else f"{rel}/{name}")
        if walked > MAX_WALKED:
            break
    return [(folder, fmt, len(names), names) for (folder, fmt), names in sorted(counts.items()) if len(names) >= 2]


def note(program: Program, envs: Callable[[str], list[Env]]) -> tuple[str, str] | None:
    """(path, message) for errors[]: the data files the code reads, when it reads any."""
    reads = data_reads(program, envs)
    if not reads:
        return folder_note(program, envs)
    parts = [f"{data} ({describe(program.files.document(data), program)}; read at {path}:{line})"
             for path, line, data in reads[:MAX_SHOWN]]
    more = f" and {len(reads) - MAX_SHOWN} more" if len(reads) > MAX_SHOWN else ""
    return reads[0][0], ("the package's code reads data files it ships: " + "; ".join(parts) + more
                         + ": tools it builds from them at run time were not followed, so they are not reported")


def folder_note(program: Program, envs: Callable[[str], list[Env]]) -> tuple[str, str] | None:
    """(path, message) for errors[]: the folders the code lists and reads the files of, and the folders
    of data files the package ships; None when the code lists no folder it reads from."""
    listings = folder_reads(program, envs)
    if not listings:
        return None
    root = program.files.root.as_posix() if program.files.root is not None else ""
    known = {w.removeprefix("the folder ") for _, _, w in listings}
    held: list[tuple[int, str]] = []  # (-declarations, what the folder holds)
    parsed = 0
    for folder, fmt, n, names in data_folders(root):
        decls, keys = 0, list[str]()
        for name in names[:MAX_PARSED_PER_FOLDER]:
            if parsed >= MAX_PARSED:
                break
            parsed += 1
            doc = program.files.document(name, fmt)
            these = [e.key for e in doc.entries if isinstance(e, KV)] if isinstance(doc, ObjV) else []
            keys = keys or these
            decls += "description" in these and bool(DECL_NAMES & set(these))
        if decls or folder in known:  # documents with a description and a name: declarations of something
            shown_keys = f", the first with the keys {', '.join(keys[:5])}{', …' if len(keys) > 5 else ''}" if keys else ""
            held.append((-decls - (10**6 if folder in known else 0),
                         f"{folder} ({n} {fmt.upper()} files{shown_keys})"))
    if not held:
        return None
    if any(rank <= -10**6 for rank, _ in held):  # the folders the code is seen listing, when it is seen
        held = [h for h in held if h[0] <= -10**6]
    held.sort()
    shown = [h for _, h in held]
    calls = "; ".join(f"{path}:{line}: {where}" for path, line, where in listings[:MAX_SHOWN])
    more = f" and {len(shown) - MAX_SHOWN} more" if len(shown) > MAX_SHOWN else ""
    return listings[0][0], ("tools may be declared in data files the package's code lists from a folder and reads ("
                            + calls + "); folders of data files the package ships whose documents have a description "
                            "and a name: " + "; ".join(shown[:MAX_SHOWN]) + more
                            + ": the tools it builds from them at run time were not followed, so they are not reported")
