"""The places a path may be when it is one of a few (issue 12: the package's own folder).

A server often keeps its files in a folder it picks at run time among a few candidates: a setting
(`HA_MCP_CONFIG_DIR`), the data volume of a container (`/data`), a folder of the home (`~/.ha-mcp`)
and a last resort in the temporary space (`<tmp>/ha-mcp`). No single constant destination exists,
so `sink_destination` knows none; but every candidate is known. `path_places` lists them: each a
known path (its constant start, `…` where it goes on unknown) or `$NAME` for a setting.

Followed: a helper function's returned values (several returns), `a or b`, a property of an
object of a package class, a module global (set through `global` too), an item of the server's
command line (`sys.argv`, as the setting `$argv`), local names with several
assignments, an attribute `self.x` every assignment of which is followed, a parameter of a
function through the package's calls of it (a parameter defaulting to None that a call does not
pass adds nothing: the guarded branch cannot run there), `Path(...)`, `os.path.join`, `/` and
`.resolve()`-like methods, `a if test else b`, `.with_name(x)`/`.with_suffix(x)` (a file of the same
folder) and `.parent`, `getattr(obj, "name")`, `str(path)`, an attribute of the server's settings
object by its name (`self._settings.backup_dir`: `$backup_dir`), the home folder's variables (`HOME`,
`USERPROFILE`, also read in a loop over those names) as `~`, and the working folder (`Path.cwd()`,
`$cwd`: whoever starts the server chooses it), SQLite's URI form (`f"{db.as_uri()}?mode=ro"`), a helper
called again in another branch (what it returns, found once). A known file name joined after an
unknown folder stays the known end (`~/.app/profiles/…/cookies.sqlite`). Anything else (a tool argument, an unknown call)
makes the answer None.

Each helper, parameter, attribute, global and local name is entered once per search (met again, it is a
cut: None); an answer found with no cut below it is the same from wherever it is asked and is kept for
the program, so a search costs about the size of what it reaches, not the power of its depth.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from mcpvet.analysis.placesets import MAX_PLACES, Places, bounded, parent
from mcpvet.frontends.python.index import Binding, FuncInfo
from mcpvet.frontends.python.taint import const_strs, prefix_of
from mcpvet.frontends.python.values import Ext, Func, Instance, PkgPath
from mcpvet.model import PACKAGE_PLACE

if TYPE_CHECKING:
    from mcpvet.frontends.python.evaluator import Evaluator
    from mcpvet.frontends.python.scopes import Scope

_DEPTH = 20
_JOINS = frozenset({"os.path.join", "posixpath.join", "pathlib.Path", "pathlib.PurePath", "pathlib.PosixPath"})
_SAME_PATH = frozenset({"resolve", "absolute", "expanduser", "strip", "rstrip", "expandvars"})

def path_places(ev: Evaluator, node: ast.expr, scope: Scope) -> tuple[str, ...]:
    """The places the path `node` may be, sorted, when there are two to `MAX_PLACES` of them and
    every one is known (a path starting with `/` or `~`, `$NAME` for a setting, or a place inside
    the installed package, `PACKAGE_PLACE`: then one place is enough); else `()`."""
    found = _places(ev, node, scope, 0, _Walk())
    if found is None or not (len(found) >= 2 or any(p.startswith(PACKAGE_PLACE) for p in found)) \
            or len(found) > MAX_PLACES:
        return ()
    if not all(p.startswith(("/", "~", "$", PACKAGE_PLACE)) for p in found):
        return ()
    return tuple(sorted(found))


def package_place(ev: Evaluator, node: ast.expr, scope: Scope) -> str | None:
    """`<package>/pkg/x.json` when the path `node` is a file of the installed package itself
    (`Path(__file__).parent / "x.json"`); else None."""
    values = ev.ev(node, scope)
    if len(values) != 1 or not isinstance(v := next(iter(values)), PkgPath) or not v.path:
        return None
    return PACKAGE_PLACE + v.path


def _env_name(node: ast.expr) -> str | None:
    """`os.environ.get("X", …)`, `os.getenv("X")`, `os.environ["X"]` (also `.strip()`ped): `$X`."""
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _SAME_PATH:
        node = node.func.value
    key: ast.expr | None = None
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute) and node.value.attr == "environ":
        key = node.slice if isinstance(node.slice, ast.expr) else None
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args and (
            node.func.attr == "getenv" or (node.func.attr == "get" and isinstance(node.func.value, ast.Attribute)
                                           and node.func.value.attr == "environ")):
        key = node.args[0]
    if isinstance(key, ast.Constant) and isinstance(key.value, str):
        return "$" + key.value
    if key is not None:
        return _KEYED  # a name computed: `_env_places` looks at what it may be
    return None


_KEYED = "$?"
# the variables that hold the user's home folder: a place of theirs is `~`
_HOME_VARIABLES = frozenset({"HOME", "USERPROFILE"})


def _env_places(ev: Evaluator, node: ast.expr, scope: Scope) -> Places | None:
    """The settings `os.environ.get(name)` reads when `name` is one of a few constants (`for name in
    ("USERPROFILE", "HOME")`): `$NAME` each, the home folder's variables as `~`; else None."""
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _SAME_PATH:
        node = node.func.value
    key = node.slice if isinstance(node, ast.Subscript) else node.args[0] if isinstance(node, ast.Call) else None
    if not isinstance(key, ast.expr):
        return None
    names = const_strs(ev, key, scope)
    if not names:
        return None
    return frozenset("~" if n in _HOME_VARIABLES else "$" + n for n in names)


def _known(ev: Evaluator, node: ast.expr, scope: Scope, depth: int) -> Places | None:
    text, done = prefix_of(ev, node, scope)
    if text.startswith(("/", "~")) and (done or len(text) > 1):
        return frozenset({text if done else text + "…"})
    return None


def _append(bases: Places, ev: Evaluator, rest: list[ast.expr], scope: Scope, depth: int) -> Places | None:
    """Each base place with the parts `rest` joined to it (`…` where a part is unknown). Constant
    parts after an unknown one are kept as the known end (`~/.app/profiles/…/cookies.sqlite`: the
    file's name is known, the folder between is not); a part known only by its start ends it."""
    tail = ""
    unknown = False  # a part with an unknown end was joined: what follows is still the path's end
    for part in rest:
        text, done = prefix_of(ev, part, scope)
        if text.startswith("/"):
            return None
        if unknown and not done:
            tail = tail if tail.endswith("…") else tail + "/…"
            break
        tail += "/" + text
        if not done:
            tail += "…"
            unknown = True
    out = set()
    for base in bases:
        if base.endswith("…"):
            # an unknown end, then known parts (`…/cookies.sqlite`); nothing known joined: as it is
            known = tail.rsplit("…", 1)[1] if "…" in tail else tail
            out.add(base + known if known and known.startswith("/") else base)
        else:
            out.add(base.rstrip("/") + tail)
    return frozenset(out)


def _places(ev: Evaluator, node: ast.expr, scope: Scope, depth: int, walk: _Walk) -> Places | None:
    """The places of `node` in `scope`, None when not known; an answer found with no cut below it is
    the same wherever the node is met from and is kept for the program."""
    done = _finished(ev)
    key = (id(node), scope.key)
    kept = done.get(key)
    if kept is not None and kept[0] is node:
        return kept[1]
    if depth > _DEPTH:
        walk.cuts += 1
        return None
    cuts = walk.cuts
    found = _places_of(ev, node, scope, depth, walk)
    if found is not None or walk.cuts == cuts:
        done[key] = (node, found)  # the node kept with it: its id is not given to another node meanwhile
    return found


def _places_of(ev: Evaluator, node: ast.expr, scope: Scope, depth: int, walk: _Walk) -> Places | None:
    env = _env_name(node)
    if env == _KEYED:
        return _env_places(ev, node, scope)
    if env is not None:
        return frozenset({"~" if env[1:] in _HOME_VARIABLES else env})
    inside = package_place(ev, node, scope)
    if inside is not None:
        return frozenset({inside})
    known = _known(ev, node, scope, depth)
    if known is not None:
        return known
    if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or):  # `configured or default`
        # `os.environ.get("X") or ""`: an empty value is no path (the caller tests it before use)
        return _union([_places(ev, v, scope, depth + 1, walk) for v in node.values
                       if not (isinstance(v, ast.Constant) and not v.value)])
    if isinstance(node, ast.IfExp):  # `Path(configured) if configured else default_dir()`
        return _union([_places(ev, v, scope, depth + 1, walk) for v in (node.body, node.orelse)])
    if _command_line(node, scope):
        return frozenset({ARGV_PLACE})
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        base = _places(ev, node.left, scope, depth + 1, walk)
        return _append(base, ev, [node.right], scope, depth) if base is not None else None
    if isinstance(node, ast.Call):
        return _call_places(ev, node, scope, depth, walk)
    if isinstance(node, ast.JoinedStr) and (path := _uri_of(node)) is not None:
        return _places(ev, path, scope, depth + 1, walk)  # `f"{db.as_uri()}?mode=ro"`: the file db
    if isinstance(node, ast.Attribute):
        return _attr_places(ev, node, scope, depth, walk)
    if isinstance(node, ast.Name):
        return _name_places(ev, node, scope, depth, walk)
    return None


def _call_places(ev: Evaluator, node: ast.Call, scope: Scope, depth: int, walk: _Walk) -> Places | None:
    func = node.func
    if isinstance(func, ast.Attribute) and func.attr in _SAME_PATH:
        return _places(ev, func.value, scope, depth + 1, walk)
    if isinstance(func, ast.Attribute) and func.attr in _SAME_FOLDER:
        # `path.with_suffix(".tmp")`, `log_path.with_name("pending.json")`: another file of the same folder
        base = _places(ev, func.value, scope, depth + 1, walk)
        if base is None or func.attr != "with_name":
            return base
        text, done = prefix_of(ev, node.args[0], scope) if node.args else ("", False)
        if "/" in text:
            return None
        return frozenset(_sibling(p, text if done else text + "…") for p in base)
    if isinstance(func, ast.Name) and func.id == "str" and len(node.args) == 1 and not node.keywords:
        return _places(ev, node.args[0], scope, depth + 1, walk)  # `str(path)`: the same path
    if isinstance(func, ast.Attribute) and func.attr == "cwd" and not node.args and any(
            isinstance(v, Ext) and v.qualname in ("pathlib.Path.cwd", "os.getcwd") for v in ev.ev(func, scope)):
        return frozenset({CWD_PLACE})
    if isinstance(func, ast.Attribute) and func.attr == "getcwd" and not node.args and any(
            isinstance(v, Ext) and v.qualname == "os.getcwd" for v in ev.ev(func, scope)):
        return frozenset({CWD_PLACE})
    if _getattr_name(node) is not None:  # `getattr(self.settings, "data_dir", "")`: the attribute
        return _places(ev, ast.Attribute(value=node.args[0], attr=_getattr_name(node) or "", ctx=ast.Load()),
                       scope, depth + 1, walk)
    callees = ev.ev(func, scope)
    if node.args and any(isinstance(v, Ext) and v.qualname in _JOINS for v in callees):
        base = _places(ev, node.args[0], scope, depth + 1, walk)
        return _append(base, ev, list(node.args[1:]), scope, depth) if base is not None else None
    if any(isinstance(v, Ext) and v.qualname == "tempfile.mkdtemp" for v in callees):
        return _temp_file_places(ev, node, "tempfile.mkdtemp", scope, depth, walk)  # a new folder in `dir`
    funcs = [v.qualname for v in callees if isinstance(v, Func)]
    if len(funcs) != 1 or len(callees) != 1:
        return None
    f = ev.p.funcs.get(funcs[0])
    if f is None or isinstance(f.node, ast.Lambda):
        return None
    # the function's own places, the same from every call (its parameters: every call's); the same helper
    # called again (`d = get_dir(name)`, then after an rmtree `d = get_dir(name)` once more) gets what was
    # found already
    return _once(ev, walk, (id(f.node), "r"), lambda: _returns_places(ev, f, depth, walk))


def _returns_places(ev: Evaluator, f: FuncInfo, depth: int, walk: _Walk) -> Places | None:
    # `return None` (no such file here) adds no place
    returns = [n.value for n in ast.walk(f.node) if isinstance(n, ast.Return) and n.value is not None
               and not (isinstance(n.value, ast.Constant) and n.value.value is None)]
    if not returns or len(returns) > MAX_PLACES:
        return None
    at = ev.func_scope(f.qualname)
    return _union([_places(ev, r, at, depth + 1, walk) for r in returns])


_K = TypeVar("_K")
_V = TypeVar("_V")


def _of_program(store: list[tuple[object, dict[_K, _V]]], ev: Evaluator) -> dict[_K, _V]:
    """The memo `store` keeps for the program `ev` analyses: one program at a time (the last asked
    about), started empty when another program comes."""
    found = next((memo for program, memo in store if program is ev.p), None)
    if found is None:
        found = {}
        store[:] = [(ev.p, found)]
    return found


class _Walk:
    """One search for a path's places: the helpers, parameters, attributes and globals it has entered
    (each once: met again, inside itself or in a later branch, it is cut unless its answer is kept) and
    how many cuts (that, or the depth) it made so far."""

    __slots__ = ("entered", "cuts")

    def __init__(self) -> None:
        self.entered: set[tuple[int, str]] = set()
        self.cuts = 0


_Kept = dict[tuple[int, object], tuple[object, "Places | None"]]
_FINISHED: list[tuple[object, _Kept]] = []  # of the last program asked about (one at a time)


def _finished(ev: Evaluator) -> _Kept:
    """The answers of the program found with no cut below them: by (id of a node, its scope's key), each
    with the node; by (id of a helper, class or module, the name of a parameter, attribute or global, or
    "r"/"p" for what a helper or property returns), each with None. The same wherever they are asked
    from: a parameter's places are every call's, a helper's returns its own."""
    return _of_program(_FINISHED, ev)


def _once(ev: Evaluator, walk: _Walk, key: tuple[int, str], find: Callable[[], Places | None]) -> Places | None:
    """`find()` entered once per walk: its kept answer, else a cut when the walk has entered it already;
    an answer found with no cut below it is kept for the program."""
    done = _finished(ev)
    kept = done.get(key)
    if kept is not None:
        return kept[1]
    if key in walk.entered:
        walk.cuts += 1
        return None
    walk.entered.add(key)
    cuts = walk.cuts
    found = find()
    if found is not None or walk.cuts == cuts:
        done[key] = (None, found)
    return found


_SAME_FOLDER = frozenset({"with_name", "with_suffix", "with_stem"})


def _uri_of(node: ast.JoinedStr) -> ast.expr | None:
    """`f"{path.as_uri()}?mode=ro"` (or `f"file:{path}?mode=ro"`, SQLite's URI form): the path it
    names, when the rest is only a query; else None."""
    values = list(node.values)
    if values and isinstance(values[0], ast.Constant) and values[0].value == "file:":
        values = values[1:]
    if not values or not isinstance(first := values[0], ast.FormattedValue) or first.format_spec is not None:
        return None
    if not all(isinstance(v, ast.Constant) and isinstance(v.value, str) and v.value.startswith("?") for v in values[1:]):
        return None
    path = first.value
    if isinstance(path, ast.Call) and isinstance(path.func, ast.Attribute) and path.func.attr == "as_uri" \
            and not path.args:
        return path.func.value
    return path


def _getattr_name(node: ast.Call) -> str | None:
    """`getattr(obj, "name")` / `getattr(obj, "name", default)`: the constant attribute name."""
    if isinstance(node.func, ast.Name) and node.func.id == "getattr" and len(node.args) in (2, 3) \
            and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str):
        return node.args[1].value
    return None


def _sibling(place: str, name: str) -> str:
    """The file `name` in the folder of `place` (`~/.app/log.jsonl` → `~/.app/pending.json`); a place whose
    end is not known (`…`) or a setting alone (`$APP_LOG`, beside which the file goes) stays as it is."""
    if place.endswith("…") or "/" not in place:
        return place
    return place.rsplit("/", 1)[0] + "/" + name


_SETTINGS_NAMES = frozenset({"settings", "config", "cfg", "conf", "configuration", "options", "opts"})


def _settings_object(node: ast.expr) -> bool:
    """An object of the server's settings by its name (`settings`, `self._settings`, `self.config`): an
    attribute of it is a setting, chosen by whoever runs the server (a tool argument reaching the path
    still shows in the data flow, `controlled_by`)."""
    name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""
    return name.lstrip("_").lower() in _SETTINGS_NAMES


def _union(parts: list[Places | None]) -> Places | None:
    """The places of every part (`placesets.bounded`)."""
    if any(p is None for p in parts):
        return None
    out: set[str] = set()
    for p in parts:
        out |= p or frozenset()
    return bounded(frozenset(out))


def _attr_places(ev: Evaluator, node: ast.Attribute, scope: Scope, depth: int,
                 walk: _Walk) -> Places | None:
    """`self.x`: every assignment of `x` in the methods of the class; `obj.prop`: what the
    property of the object's class returns."""
    if node.attr == "parent":  # `path.parent`: the folder of each place
        base = _places(ev, node.value, scope, depth + 1, walk)
        if base is None:
            return None
        parents = [parent(p) for p in base]
        return frozenset(p for p in parents if p is not None) if all(p is not None for p in parents) else None
    f = scope.func
    prop = _property_of(ev, node, scope)
    if prop is not None:
        p = ev.p.funcs[prop]
        if isinstance(p.node, ast.Lambda):
            return None
        return _once(ev, walk, (id(p.node), "p"), lambda: _property_places(ev, p, depth, walk))
    if _settings_object(node.value):
        return frozenset({"$" + node.attr})  # `self._settings.backup_dir`: what whoever runs the server set
    if not (isinstance(node.value, ast.Name) and node.value.id == "self" and f is not None and f.klass):
        return None
    c = ev.p.classes.get(f.klass)
    assigned = c.inst_attrs.get(node.attr, []) if c is not None else []
    if not assigned:
        return None
    return _once(ev, walk, (id(c), node.attr), lambda: _union([
        _places(ev, expr, ev.func_scope(fq), depth + 1, walk) if fq in ev.p.funcs else None for expr, fq in assigned]))


def _property_places(ev: Evaluator, p: FuncInfo, depth: int, walk: _Walk) -> Places | None:
    returns = [n.value for n in ast.walk(p.node) if isinstance(n, ast.Return) and n.value is not None]
    if not returns or len(returns) > MAX_PLACES:
        return None
    at = ev.func_scope(p.qualname)
    return _union([_places(ev, r, at, depth + 1, walk) for r in returns])


def _name_places(ev: Evaluator, node: ast.Name, scope: Scope, depth: int, walk: _Walk) -> Places | None:
    f = scope.func
    if f is None:
        return None
    if node.id in f.params:
        return _param_places(ev, node.id, scope, depth, walk)
    module = ev.p.modules.get(f.module)
    if node.id in f.global_names or (node.id not in f.bindings and f.parent is None and module is not None
                                     and node.id in module.bindings):
        return _global_places(ev, f.module, node.id, depth, walk)  # a module global, set or only read here
    bindings = f.bindings.get(node.id, [])
    if bindings and all(b.kind == "for" and not b.path and isinstance(b.node, ast.expr) for b in bindings):
        # `for old in files:`, `(p for p in candidates)`: each element of what the loop runs over
        iters = [b.node for b in bindings if isinstance(b.node, ast.expr)]
        return _once(ev, walk, (scope.key, "in " + node.id), lambda: _union(
            [_element_places(ev, it, scope, depth + 1, walk) for it in iters]))
    if len(bindings) == 1 and bindings[0].kind == "assign" and bindings[0].path == (1,) \
            and isinstance(made := bindings[0].node, ast.Call):
        return _temp_file_places(ev, made, "tempfile.mkstemp", scope, depth, walk)  # `fd, name = mkstemp(dir=…)`
    if not bindings or not all(b.kind == "assign" and not b.path and isinstance(b.node, ast.expr) for b in bindings):
        return None
    # `path = path.resolve()` names the same places as the other assignments
    values = [b.node for b in bindings if isinstance(b.node, ast.expr) and not _same_name(b.node, node.id)]
    if not values:
        return None
    # entered once per walk like a parameter: `current = current.parent` in a loop is a cycle, cut at once
    # (each round of it through every assignment again made the search grow with the depth's power)
    return _once(ev, walk, (scope.key, "=" + node.id), lambda: _union([_places(ev, v, scope, depth + 1, walk)
                                                                       for v in values]))


_KEEP_ELEMENTS = frozenset({"sorted", "list", "set", "tuple", "frozenset", "reversed"})
_CHILDREN = frozenset({"glob", "rglob", "iterdir"})  # `folder.glob("*.yaml")`: paths in the folder
_EMPTY = frozenset({"set", "list", "dict", "tuple", "frozenset"})


def _element_places(ev: Evaluator, node: ast.expr, scope: Scope, depth: int, walk: _Walk) -> Places | None:
    """The places of every element of a collection of paths: a list, tuple or set written out, a
    comprehension, `sorted(…)`/`list(…)` of one, a pathlib folder's `glob(…)`/`rglob(…)`/`iterdir()`, or a
    local the function fills (`found = set()`, then `found.update(d.glob("*.yaml"))`, `found.add(p)`);
    None when one element is not known, or nothing is."""
    if depth > _DEPTH:
        walk.cuts += 1
        return None
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        if not node.elts or any(isinstance(e, ast.Starred) for e in node.elts):
            return None
        return _union([_places(ev, e, scope, depth + 1, walk) for e in node.elts])
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice):  # `files[:-3]`: some of them
        return _element_places(ev, node.value, scope, depth + 1, walk)
    if isinstance(node, (ast.GeneratorExp, ast.ListComp, ast.SetComp)):
        return _places(ev, node.elt, scope, depth + 1, walk)  # its variables: elements (`_name_places`)
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Name) and func.id in _KEEP_ELEMENTS and len(node.args) == 1 \
                and not _local_name(ev, func.id, scope):
            return _element_places(ev, node.args[0], scope, depth + 1, walk)
        if isinstance(func, ast.Attribute) and func.attr in _CHILDREN:
            base = _places(ev, func.value, scope, depth + 1, walk)
            return frozenset(p if p.endswith("…") else p.rstrip("/") + "/…" for p in base) if base else None
        return None
    if isinstance(node, ast.Name) and scope.func is not None and node.id not in scope.func.params:
        bindings = scope.func.bindings.get(node.id, [])
        if not bindings:
            return None
        parts: list[Places | None] = []
        for b in bindings:
            value = b.node
            if b.path or not isinstance(value, ast.expr):
                return None
            if b.kind == "append":
                parts.append(_places(ev, value, scope, depth + 1, walk))
            elif b.kind == "assign" and _empty_collection(value):
                continue
            elif b.kind in ("assign", "extend"):
                parts.append(_element_places(ev, value, scope, depth + 1, walk))
            else:
                return None
        return _union(parts) if parts else None
    return None


def _empty_collection(node: ast.expr) -> bool:
    """`set()`, `[]`, `{}`, `list()`: a collection filled afterwards."""
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)) and not node.elts:
        return True
    if isinstance(node, ast.Dict) and not node.keys:
        return True
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _EMPTY \
        and not node.args and not node.keywords


def _local_name(ev: Evaluator, name: str, scope: Scope) -> bool:
    """NAME is bound by the package (a function or variable of its own called `sorted`), not the builtin."""
    f = scope.func
    module = ev.p.modules.get(f.module) if f is not None else None
    return (f is not None and name in f.bindings) or (module is not None and name in module.bindings)


def _temp_file_places(ev: Evaluator, call: ast.Call, maker: str, scope: Scope, depth: int,
                      walk: _Walk) -> Places | None:
    """The name of a new temporary file or folder made in a known folder (`tempfile.mkstemp(dir=folder)`,
    the name the second of what it returns; `mkdtemp(dir=folder)`): a new name in each of the folder's
    places (`~/.app/backups/…`). Made in the temporary space (no `dir`): None (a fresh scratch file, not a
    place)."""
    folder = next((k.value for k in call.keywords if k.arg == "dir"), None)
    if folder is None or not any(isinstance(v, Ext) and v.qualname == maker for v in ev.ev(call.func, scope)):
        return None
    base = _places(ev, folder, scope, depth + 1, walk)
    return frozenset(p if p.endswith("…") else p.rstrip("/") + "/…" for p in base) if base is not None else None


def _global_places(ev: Evaluator, module: str, name: str, depth: int, walk: _Walk) -> Places | None:
    """A module global set through `global NAME` in functions (a path made once and kept): every
    assignment, each where it runs; `NAME = None` (not made yet) adds nothing."""
    m = ev.p.modules.get(module)
    bindings = m.bindings.get(name, []) if m is not None else []
    if not bindings:
        return None
    return _once(ev, walk, (id(m), name), lambda: _assigned_places(ev, module, bindings, depth, walk))


def _assigned_places(ev: Evaluator, module: str, bindings: list[Binding], depth: int, walk: _Walk) -> Places | None:
    parts: list[Places | None] = []
    for b in bindings:
        if b.kind != "assign" or b.path or not isinstance(b.node, ast.expr):
            return None
        if isinstance(b.node, ast.Constant) and b.node.value is None:
            continue
        at = ev.func_scope(b.owner) if b.owner in ev.p.funcs else ev.module_scope(module)
        parts.append(_places(ev, b.node, at, depth + 1, walk))
    return _union(parts) if parts else None


# a path given on the server's command line (`--storage-path`): set by whoever starts it, like a setting
ARGV_PLACE = "$argv"
# the folder the server is started in: chosen by whoever starts it, like a setting
CWD_PLACE = "$cwd"


def _same_name(node: ast.expr, name: str) -> bool:
    """`name.resolve()`, `name.expanduser()`: the same path as `name`."""
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _SAME_PATH:
        node = node.func.value
    return isinstance(node, ast.Name) and node.id == name


def _is_argv(node: ast.expr) -> bool:
    """`sys.argv`, or a slice of it (`sys.argv[1:]`)."""
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice):
        node = node.value
    return isinstance(node, ast.Attribute) and node.attr == "argv" and isinstance(node.value, ast.Name) \
        and node.value.id == "sys"


def _command_line(node: ast.expr, scope: Scope) -> bool:
    """An item of the server's command line: `sys.argv[i]`, or `args[i]` of a local `args` assigned
    once from `sys.argv[1:]`."""
    if not isinstance(node, ast.Subscript) or isinstance(node.slice, ast.Slice):
        return False
    base = node.value
    if isinstance(base, ast.Name) and scope.func is not None:
        bindings = scope.func.bindings.get(base.id, [])
        if len(bindings) != 1 or bindings[0].kind != "assign" or bindings[0].path \
                or not isinstance(bindings[0].node, ast.expr):
            return False
        base = bindings[0].node
    return _is_argv(base)


def _property_of(ev: Evaluator, node: ast.Attribute, scope: Scope) -> str | None:
    """The property getter `obj.name` runs, when `obj` is an object of one package class."""
    values = ev.ev(node.value, scope)
    if len(values) != 1 or not isinstance(v := next(iter(values)), Instance):
        return None
    q = ev.method(v.klass, node.attr)
    return q if q is not None and ev.p.funcs[q].is_property else None


def _param_places(ev: Evaluator, name: str, scope: Scope, depth: int, walk: _Walk) -> Places | None:
    """A parameter: what every call of the function in the package passes for it. A parameter
    defaulting to None that a call leaves out adds nothing (a path is never None)."""
    f = scope.func
    assert f is not None
    short = f.klass.rsplit(".", 1)[-1] if f.klass is not None and f.name == "__init__" else f.name
    if isinstance(f.node, ast.Lambda) or f.parent is not None \
            or (ev.call_index.passed_as_value(short) and (f.name != "__init__" or _used_as_value(ev, short))):
        return None
    return _once(ev, walk, (id(f.node), name), lambda: _passed_places(ev, f, short, name, depth, walk))


def _passed_places(ev: Evaluator, f: FuncInfo, short: str, name: str, depth: int, walk: _Walk) -> Places | None:
    method = f.klass is not None and not f.is_static
    index = f.params.index(name) - (1 if method else 0)
    none_default = _defaults_none(f.node, name)
    parts: list[Places | None] = []
    calls = ev.call_index.named(short)
    if not calls or len(calls) > 8:
        return None
    for call, module, caller in calls:
        at = ev.func_scope(caller) if caller else ev.module_scope(module)
        if f.name != "__init__" and Func(f.qualname) not in ev.ev(call.func, at):
            continue
        if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
            return None
        arg = next((k.value for k in call.keywords if k.arg == name), None)
        if arg is None and 0 <= index < len(call.args):
            arg = call.args[index]
        if arg is None:
            if not none_default:
                return None
            continue
        parts.append(_places(ev, arg, at, depth + 1, walk))
    return _union(parts)


_VALUE_USES: list[tuple[object, dict[str, bool]]] = []  # of the last program asked about (one at a time)


def _used_as_value(ev: Evaluator, name: str) -> bool:
    """A class named `name` used other than called or named in a type annotation (`x: Log | None`,
    `-> Log`): passed somewhere as a value, so calls of it may be out of sight. Asked per name, and
    only of the modules whose text holds the name (the trees of a large package are not walked for
    each class)."""
    answers = _of_program(_VALUE_USES, ev)
    found = answers.get(name)
    if found is None:
        found = answers[name] = any(_value_use_in(m.tree, name) for m in ev.p.modules.values()
                                    if _may_name(ev, m.path, name))
    return found


def _may_name(ev: Evaluator, path: str, name: str) -> bool:
    """Can the module's text hold the identifier `name`? Unreadable and non-ASCII texts are walked
    anyway (Python reads identifiers under NFKC: `ℌ` is `H`)."""
    text = ev.paths.read_file(path) if ev.paths.read_file is not None else None
    return text is None or not text.isascii() or name in text


def _value_use_in(tree: ast.Module, name: str) -> bool:
    hidden: set[int] = set()
    for n in ast.walk(tree):
        if isinstance(n, ast.Call):
            hidden.add(id(n.func))
        elif isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)):
            notes = [n.returns, *(a.annotation for a in (*n.args.posonlyargs, *n.args.args, *n.args.kwonlyargs))]
            hidden.update(id(x) for note in notes if note is not None for x in ast.walk(note))
        elif isinstance(n, ast.AnnAssign):
            hidden.update(id(x) for x in ast.walk(n.annotation))
        elif isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load) and id(n) not in hidden:
            return True
    return False


def _defaults_none(node: ast.AST, name: str) -> bool:
    if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return False
    a = node.args
    positional = [*a.posonlyargs, *a.args]
    pairs = list(zip(positional[len(positional) - len(a.defaults):], a.defaults, strict=True))
    pairs += [(k, d) for k, d in zip(a.kwonlyargs, a.kw_defaults, strict=True) if d is not None]
    return any(arg.arg == name and isinstance(d, ast.Constant) and d.value is None for arg, d in pairs)
