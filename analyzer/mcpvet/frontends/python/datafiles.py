"""Data files the package ships and loads by a constant path: JSON, YAML and TOML read as values.

A server that keeps its tool table (names, descriptions, input schemas) or its description texts in a
data file of its own (`json.loads((HERE / "tools.json").read_text())`, `yaml.safe_load(open(p))` with
`p` inside the package) lists what that file says. The evaluator already reads such a file's text
(`pkgfiles`, `paths`); here that text is parsed (never executed: YAML through the safe loader only,
whatever loader the code names) and turned into the evaluator's values (dicts, lists, constants).

Anything else stays unknown: a path outside the package or chosen at run time, a file too large, text
that does not parse, YAML tags the safe loader refuses, or a document with more than MAX_NODES values
(YAML aliases can make a small file huge).
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from mcpvet.datafiles import MAX_NODES, DataError, parse
from mcpvet.frontends.python.values import (
    Const,
    DictVal,
    Ext,
    PkgHandle,
    PkgMethod,
    Seq,
    Unknown,
    Value,
    one,
    ordered,
)
from mcpvet.pyast import short

if TYPE_CHECKING:
    from mcpvet.frontends.python.evaluator import Evaluator
    from mcpvet.frontends.python.scopes import Scope

LOADED = "a data file loaded at start"
__all__ = ["LOADED", "MAX_NODES", "PARSERS", "load_call", "loaded_note", "to_value", "why_unknown"]


class _TooBig(Exception):
    pass


# the loader named by the call -> the format of its text (`mcpvet.datafiles` parses it, YAML safely
# whatever loader is named); `load` forms take a file, `loads` forms text
PARSERS: dict[str, str] = {
    "json.loads": "json",
    "json.load": "json",
    "yaml.safe_load": "yaml",
    "yaml.load": "yaml",
    "yaml.full_load": "yaml",
    "tomllib.loads": "toml",
    "tomllib.load": "toml",
    "tomli.loads": "toml",
    "tomli.load": "toml",
}


def to_value(data: object, budget: list[int] | None = None) -> Value:
    """The evaluator's value of parsed data (raises _TooBig past MAX_NODES values)."""
    left = budget if budget is not None else [MAX_NODES]
    left[0] -= 1
    if left[0] < 0:
        raise _TooBig
    if isinstance(data, dict):
        return DictVal(tuple((one(to_value(k, left)), one(to_value(v, left))) for k, v in data.items()))
    if isinstance(data, (list, tuple)):
        return Seq(tuple(one(to_value(x, left)) for x in data))
    if data is None or isinstance(data, (str, int, float, bool)):
        return Const(data)
    return Unknown("a value of a data file")  # dates and times of YAML/TOML


def _text_of(ev: Evaluator, arg: ast.expr, scope: Scope) -> str | None:
    values = ev.ev(arg, scope)
    if len(values) != 1:
        return None
    v = next(iter(values))
    if isinstance(v, Const) and isinstance(v.value, (str, bytes)):
        if isinstance(v.value, bytes):
            try:
                return v.value.decode("utf-8")
            except UnicodeDecodeError:
                return None
        return v.value
    if isinstance(v, PkgHandle) and ev.paths.read_file is not None:
        return ev.paths.read_file(v.path)
    return None


def load_call(ev: Evaluator, q: str, node: ast.Call, scope: Scope) -> frozenset[Value] | None:
    """What `json.load(s)` / `yaml.safe_load` / `tomllib.load(s)` returns on text or a file of the
    package (None: not one of these loaders; unknown when the text is not known or does not parse)."""
    fmt = PARSERS.get(q)
    if fmt is None:
        return None
    if not node.args or isinstance(node.args[0], ast.Starred):
        return one(Unknown(q))
    text = _text_of(ev, node.args[0], scope)
    if text is None:
        return one(Unknown(f"{LOADED}: what it reads is not a file of the package named by a constant path"))
    try:
        return one(to_value(parse(text, fmt)))
    except _TooBig:
        return one(Unknown(f"{LOADED}: the document has more than {MAX_NODES} values"))
    except DataError as exc:
        return one(Unknown(f"{LOADED}: {exc}"))


def why_unknown(ev: Evaluator, node: ast.expr, scope: Scope) -> str:
    """For errors[]: the data-file load an unknown expression comes from (`TEXTS` = `yaml.safe_load(f)`
    at line 9 whose file could not be read), through the names it uses; "" when it comes from none."""
    for name in sorted({n.id for n in ast.walk(node) if isinstance(n, ast.Name)}):
        for source, at in _assignments(ev, name, scope):
            for call in (c for c in ast.walk(source) if isinstance(c, ast.Call)):
                if not any(isinstance(f, Ext) and f.qualname in PARSERS for f in ev.ev(call.func, at)):
                    continue
                whys = sorted(v.why for v in ev.ev(call, at) if isinstance(v, Unknown) and v.why.startswith(LOADED))
                if whys:
                    return f": `{name}` = `{short(source, 80)}` (line {source.lineno}), {whys[0]}"
    return ""


def _assignments(ev: Evaluator, name: str, scope: Scope) -> list[tuple[ast.expr, Scope]]:
    """The expressions NAME is assigned in the function of SCOPE, the functions it is nested in, then
    its module, each with the scope it is evaluated in."""
    f = scope.func
    while f is not None:
        found = [b.node for b in f.bindings.get(name, []) if b.kind == "assign" and isinstance(b.node, ast.expr)]
        if found:
            return [(x, ev.func_scope(f.qualname)) for x in found]
        f = ev.p.funcs.get(f.parent) if f.parent else None
    m = ev.p.modules.get(scope.module)
    if m is None:
        return []
    return [(b.node, ev.module_scope(m.name)) for b in m.bindings.get(name, [])
            if b.kind == "assign" and isinstance(b.node, ast.expr)]


MAX_LOADS = 200  # loader calls looked at per package, for `loaded_note`
LOADER_NAMES = frozenset(q.rsplit(".", 1)[1] for q in PARSERS)  # `load`, `loads`, `safe_load`, `full_load`


def _last_name(func: ast.expr) -> str:
    """`yaml.safe_load` -> "safe_load", `loads` -> "loads"; "" for any other callee."""
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
MAX_SHOWN = 3


def _loaded_path(ev: Evaluator, arg: ast.expr, scope: Scope) -> str | None:
    """The package file a loader's argument reads: `open(p)` / `p.open()` (a handle of the package), or
    `p.read_text()` / `p.read_bytes()` of a package path; None for anything else."""
    for v in ordered(ev.ev(arg, scope)):
        if isinstance(v, PkgHandle):
            return v.path
    if isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute) and arg.func.attr in ("read_text", "read_bytes"):
        for v in ordered(ev.ev(arg.func, scope)):
            if isinstance(v, PkgMethod) and v.method in ("read_text", "read_bytes"):
                return v.path
    return None


def loaded_files(ev: Evaluator) -> list[tuple[str, int, str, str]]:
    """(file of the loader call, its line, the data file it loads, its format), for every call of a JSON,
    YAML or TOML loader in the package's code (PARSERS) whose argument is a file of the package named
    by a constant path; sorted by data file."""
    from mcpvet.datafiles import format_of
    from mcpvet.frontends.python.paths import vendored_sdk

    found: dict[str, tuple[str, int, str, str]] = {}
    looked = 0
    places: list[tuple[list[ast.stmt], str, Scope]] = []
    for m in ev.p.modules.values():
        if vendored_sdk(m.name) is None:
            places.append((m.tree.body, m.path, ev.module_scope(m.name)))
    for f in ev.p.funcs.values():
        if not isinstance(f.node, ast.Lambda) and vendored_sdk(f.module) is None:
            places.append((f.node.body, f.path, ev.func_scope(f.qualname)))
    for body, path, scope in places:
        for call in ev.p.local_calls(body):
            if looked >= MAX_LOADS or ev.expired:
                break
            if not call.args or isinstance(call.args[0], ast.Starred) or _last_name(call.func) not in LOADER_NAMES:
                continue  # only what is spelled like a loader is evaluated (no budget spent on other calls)
            if not any(isinstance(f, Ext) and f.qualname in PARSERS for f in ev.ev(call.func, scope)):
                continue
            looked += 1
            where = _loaded_path(ev, call.args[0], scope)
            fmt = format_of(where) if where is not None else None
            if where is not None and fmt is not None:
                found.setdefault(where, (path, call.lineno, where, fmt))
    return sorted(found.values(), key=lambda r: (r[2], r[0], r[1]))


def describe(text: str | None, fmt: str) -> str:
    """What a data document holds, in a few words."""
    try:
        data = parse(text or "", fmt)
    except DataError as exc:
        return f"a document that could not be read ({exc})"
    if isinstance(data, list):
        return f"a list of {len(data)} entries"
    if isinstance(data, dict):
        keys = [str(k) for k in data]
        return "a document with the keys " + ", ".join(keys[:6]) + (", …" if len(keys) > 6 else "")
    return "a single value"


def loaded_note(ev: Evaluator) -> tuple[str, str] | None:
    """(path, message) for errors[] when tools could not be listed: the data files the package's code
    loads (what each holds and where it is loaded); what is stated is what the code loads, never which
    tools it would make of it. None when the code loads no data file of the package."""
    read = ev.paths.read_file
    found = loaded_files(ev)
    texts = {data: read(data) if read is not None else None for _, _, data, _ in found}
    loads = [r for r in found if texts[r[2]] is not None]  # a file it cannot read is no lead
    if not loads:
        return None
    parts = [f"{data} ({describe(texts[data], fmt)}; loaded at {path}:{line})" for path, line, data, fmt in loads[:MAX_SHOWN]]
    more = f" and {len(loads) - MAX_SHOWN} more" if len(loads) > MAX_SHOWN else ""
    return loads[0][0], ("tools may be declared in data files the package's code loads: " + "; ".join(parts) + more
                         + ": the tools it builds from them at run time were not followed, so they are not reported")
