"""Data files the package's code reads at start, named when tools could not be listed.

A server may build its tools at start from data it ships (an OpenAPI document whose operations become
tools, a folder of tool manifests) by code the evaluator does not follow to the end. The tools are then
not reported, and errors[] says so; this module adds which files of the package that code reads (each
read call whose path, under the bindings of its call sites, is a data file of the package), what each
holds (an OpenAPI document's operations, a list's length, a document's keys) and where it is read, so
the gap is specific: what is stated is what the code reads, never which tools it would make of it.
"""

from __future__ import annotations

from collections.abc import Callable

from mcpvet.datafiles import format_of
from mcpvet.frontends.javascript import datavalues
from mcpvet.frontends.javascript.ir import KV, ArrV, Env, Ext, FileRef, ObjV, Str, Value
from mcpvet.frontends.javascript.program import EMPTY, Program, describe_value

HTTP_METHODS = ("get", "put", "post", "delete", "patch", "options", "head", "trace")
MAX_READS = 200  # read calls looked at per package
MAX_SHOWN = 3


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


def note(program: Program, envs: Callable[[str], list[Env]]) -> tuple[str, str] | None:
    """(path, message) for errors[]: the data files the code reads, when it reads any."""
    reads = data_reads(program, envs)
    if not reads:
        return None
    parts = [f"{data} ({describe(program.files.document(data), program)}; read at {path}:{line})"
             for path, line, data in reads[:MAX_SHOWN]]
    more = f" and {len(reads) - MAX_SHOWN} more" if len(reads) > MAX_SHOWN else ""
    return reads[0][0], ("the package's code reads data files it ships: " + "; ".join(parts) + more
                         + ": tools it builds from them at run time were not followed, so they are not reported")
