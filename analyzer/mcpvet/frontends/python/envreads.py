"""Reads of the environment in a Python module, each with its shape (`mcpvet.model.EnvShape`).

A syntactic pass over the module's tree with parent links: `os.environ` (or `environ` imported
from `os`), `os.getenv`, `os.environ.get`, and what surrounds them decide whether the code reads
named keys, keys from a constant set, a computed key, names only, the whole environment handed to
a child process, or every value. A named key whose value is only tested (a condition, `bool()`,
`not`, a comparison with constants, through `.lower()`/`.strip()`) is `TESTED`; a comprehension
over `os.environ.items()` that keeps only the names is `NAMES`, one whose condition bounds the key
(`if k.startswith("APP_")`, `if k in ("A", "B")`) is `KNOWN` (`APP_*`). Module-level string constants stand in for their names
(`KEY = "TOKEN"; os.environ[KEY]` reads `TOKEN`).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from mcpvet.frontends.python.astwalk import children, local_walk, walk
from mcpvet.model import EnvRead, EnvShape, Location

_VALUE_METHODS = frozenset({"get", "pop", "setdefault", "__getitem__"})
_NAME_METHODS = frozenset({"keys", "__contains__", "__iter__", "__len__"})
# methods of os.environ that hand out every value (`os.environ.copy()`, `.items()`, `.values()`)
WHOLE_ENV_METHODS = frozenset({"copy", "items", "values"})
_ENV_KEYWORDS = frozenset({"env", "environ", "environment"})
# reads of one key (named, from a known set, or computed): only tested, no value leaves with them
_KEYED = frozenset({EnvShape.NAMED, EnvShape.KNOWN, EnvShape.COMPUTED})


def env_reads(tree: ast.Module, path: str, nodes: list[ast.AST] | None = None) -> list[EnvRead]:
    """Every read of the environment in `tree`, in source order (`nodes`: `list(walk(tree))` when
    the caller has it)."""
    if nodes is None:
        nodes = list(walk(tree))  # one walk for the passes below
    environ_names, getenv_names = _imported_names(nodes)
    if not any(_is_environ(n, environ_names) or (isinstance(n, ast.Call) and _is_getenv(n.func, getenv_names))
               for n in nodes if isinstance(n, (ast.Attribute, ast.Name, ast.Call))):
        return []  # most modules never touch the environment: no parent links to build
    consts = _module_constants(tree)
    parents: dict[ast.AST, ast.AST] = {}
    for node in nodes:
        for child in children(node):
            parents[child] = node
    out: list[EnvRead] = []
    for node in nodes:
        if isinstance(node, ast.expr) and _is_environ(node, environ_names):
            out.append(_classify_environ(node, parents, consts, path))
        elif isinstance(node, ast.Call) and _is_getenv(node.func, getenv_names):
            keys = _key(node.args[0] if node.args else None, consts, parents)
            shape = EnvShape.TESTED if keys[0] in _KEYED and _only_tested(node, parents) else keys[0]
            out.append(EnvRead(Location(path, node.lineno), shape, keys[1]))
    return sorted(out, key=lambda r: (r.location.line, r.shape.value, r.keys))


def _is_environ(node: ast.AST, names: set[str]) -> bool:
    if not isinstance(node, ast.expr):
        return False
    if isinstance(node, ast.Attribute) and node.attr in ("environ", "environb"):
        return isinstance(node.value, ast.Name) and node.value.id == "os"
    return isinstance(node, ast.Name) and node.id in names and isinstance(node.ctx, ast.Load)


def _is_getenv(func: ast.expr, names: set[str]) -> bool:
    if isinstance(func, ast.Attribute) and func.attr in ("getenv", "getenvb"):
        return isinstance(func.value, ast.Name) and func.value.id == "os"
    return isinstance(func, ast.Name) and func.id in names


def _imported_names(nodes: list[ast.AST]) -> tuple[set[str], set[str]]:
    """Local names bound by `from os import environ [as e], getenv [as g]` (`nodes`: the module's)."""
    environ, getenv = set(), set()
    for node in nodes:
        if isinstance(node, ast.ImportFrom) and node.module == "os" and node.level == 0:
            for alias in node.names:
                if alias.name in ("environ", "environb"):
                    environ.add(alias.asname or alias.name)
                elif alias.name in ("getenv", "getenvb"):
                    getenv.add(alias.asname or alias.name)
    return environ, getenv


def _module_constants(tree: ast.Module) -> dict[str, str]:
    """Module-level names bound once to a string constant."""
    seen: dict[str, int] = {}
    out: dict[str, str] = {}
    for stmt in tree.body:
        targets: list[ast.expr] = []
        value: ast.expr | None = None
        if isinstance(stmt, ast.Assign):
            targets, value = stmt.targets, stmt.value
        elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
            targets, value = [stmt.target], stmt.value
        for t in targets:
            if isinstance(t, ast.Name):
                seen[t.id] = seen.get(t.id, 0) + 1
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    out[t.id] = value.value
    return {k: v for k, v in out.items() if seen.get(k) == 1}


def _classify_environ(node: ast.expr, parents: dict[ast.AST, ast.AST], consts: dict[str, str], path: str) -> EnvRead:
    loc = Location(path, node.lineno)
    parent = parents.get(node)
    if isinstance(parent, ast.Subscript) and parent.value is node:
        shape, keys = _key(parent.slice, consts, parents)
        if shape in _KEYED and _only_tested(parent, parents):
            shape = EnvShape.TESTED
        return EnvRead(loc, shape, keys)
    if isinstance(parent, ast.Attribute) and parent.value is node:
        call = parents.get(parent)
        is_call = isinstance(call, ast.Call) and call.func is parent
        if parent.attr in _VALUE_METHODS and is_call:
            assert isinstance(call, ast.Call)
            shape, keys = _key(call.args[0] if call.args else None, consts, parents)
            if shape in _KEYED and _only_tested(call, parents):
                shape = EnvShape.TESTED
            return EnvRead(loc, shape, keys)
        if parent.attr in _NAME_METHODS:
            return EnvRead(loc, EnvShape.NAMES)
        if parent.attr == "items" and isinstance(call, ast.Call) and is_call and _names_only_comprehension(call, parents):
            return EnvRead(loc, EnvShape.NAMES)
        kept = _filtered_keys(call, parents) if parent.attr == "items" and isinstance(call, ast.Call) and is_call else ()
        if kept:
            return EnvRead(loc, EnvShape.KNOWN, kept)
        if parent.attr in WHOLE_ENV_METHODS:
            return EnvRead(loc, _whole_or_child(call if isinstance(call, ast.Call) and is_call else parent, parents))
        return EnvRead(loc, EnvShape.COMPUTED)  # another attribute (update, clear …): a use, not a dump
    if isinstance(parent, ast.Compare) and node in parent.comparators:
        return EnvRead(loc, EnvShape.NAMES)  # "X" in os.environ
    if isinstance(parent, (ast.For, ast.comprehension)) and parent.iter is node:
        return EnvRead(loc, EnvShape.NAMES)  # iterating a mapping gives its keys
    if isinstance(parent, ast.Call) and isinstance(parent.func, ast.Name) and parent.func.id in ("len", "sorted", "list",
                                                                                                  "set", "tuple"):
        return EnvRead(loc, EnvShape.NAMES)
    if isinstance(parent, (ast.Assign, ast.AnnAssign, ast.NamedExpr)):
        return EnvRead(loc, _alias_use(parent, parents))  # env = os.environ: judged by where it goes
    return EnvRead(loc, _whole_or_child(node, parents))  # dict(os.environ), {**os.environ}, f(os.environ)


_TEXT_METHODS = frozenset({"lower", "upper", "strip", "lstrip", "rstrip", "casefold"})


def _constant(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant):
        return True
    return isinstance(node, (ast.Tuple, ast.List, ast.Set)) and all(isinstance(e, ast.Constant) for e in node.elts)


def _only_tested(value: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """The value read at `value` is only tested: a condition, `bool()`, `not`, a comparison with
    constants (through `.lower()`, `.strip()` …), never kept or passed on."""
    cur = value
    while True:
        parent = parents.get(cur)
        if isinstance(parent, ast.Attribute) and parent.attr in _TEXT_METHODS:
            call = parents.get(parent)
            if isinstance(call, ast.Call) and call.func is parent:
                cur = call
                continue
            return False
        if isinstance(parent, ast.Call) and isinstance(parent.func, ast.Name) and parent.func.id == "bool" \
                and parent.args[:1] == [cur]:
            return True
        if isinstance(parent, ast.UnaryOp) and isinstance(parent.op, ast.Not):
            return True
        if isinstance(parent, ast.Compare):
            others = [parent.left, *parent.comparators]
            return all(o is cur or _constant(o) for o in others)
        if isinstance(parent, (ast.If, ast.While, ast.IfExp, ast.Assert)) and parent.test is cur:
            return True
        if isinstance(parent, ast.BoolOp):
            cur = parent  # `a and b` is a test only where the whole is one
            continue
        return False


def _names_only_comprehension(call: ast.Call, parents: dict[ast.AST, ast.AST]) -> bool:
    """`[k for k, v in os.environ.items() if not v]`: the comprehension keeps only the names."""
    gen = parents.get(call)
    comp = parents.get(gen) if isinstance(gen, ast.comprehension) and gen.iter is call else None
    if not isinstance(comp, (ast.ListComp, ast.SetComp, ast.GeneratorExp)) or not isinstance(gen, ast.comprehension):
        return False
    target = gen.target
    value = target.elts[1] if isinstance(target, ast.Tuple) and len(target.elts) == 2 else None
    if not isinstance(value, ast.Name):
        return False
    return not any(isinstance(n, ast.Name) and n.id == value.id for n in ast.walk(comp.elt))


def _filtered_keys(call: ast.Call, parents: dict[ast.AST, ast.AST]) -> tuple[str, ...]:
    """The keys a comprehension over `os.environ.items()` keeps when its condition bounds the key
    to constants (`{k: v for k, v in os.environ.items() if k.startswith("APP_")}` keeps `APP_*`)."""
    gen = parents.get(call)
    if not isinstance(gen, ast.comprehension) or gen.iter is not call or not gen.ifs:
        return ()
    target = gen.target
    key = target.elts[0] if isinstance(target, ast.Tuple) and len(target.elts) == 2 else None
    if not isinstance(key, ast.Name):
        return ()
    for test in gen.ifs:  # the conditions of one comprehension all hold
        kept = _key_constraint(test, key.id)
        if kept:
            return kept
    return ()


def _key_constraint(test: ast.expr, key: str) -> tuple[str, ...]:
    """The constant keys (a prefix as `APP_*`) that TEST lets through, () when it does not bound them."""
    if isinstance(test, ast.BoolOp):
        parts = [_key_constraint(v, key) for v in test.values]
        if isinstance(test.op, ast.Or):
            return tuple(k for p in parts for k in p) if all(parts) else ()
        return next((p for p in parts if p), ())
    if isinstance(test, ast.Call) and isinstance(test.func, ast.Attribute) and test.func.attr == "startswith" \
            and isinstance(test.func.value, ast.Name) and test.func.value.id == key and len(test.args) == 1:
        arg = test.args[0]
        items = arg.elts if isinstance(arg, ast.Tuple) else [arg]
        prefixes = [i.value for i in items if isinstance(i, ast.Constant) and isinstance(i.value, str) and i.value]
        return tuple(f"{p}*" for p in prefixes) if prefixes and len(prefixes) == len(items) else ()
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.left, ast.Name) and test.left.id == key:
        other = test.comparators[0]
        if isinstance(test.ops[0], ast.Eq) and isinstance(other, ast.Constant) and isinstance(other.value, str):
            return (other.value,)
        if isinstance(test.ops[0], ast.In) and isinstance(other, (ast.Tuple, ast.List, ast.Set)) and other.elts and \
                all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in other.elts):
            return tuple(str(e.value) for e in other.elts if isinstance(e, ast.Constant))
    return ()


def _whole_or_child(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> EnvShape:
    """Every value of the environment at `node`: handed to a child process when the expression is
    (part of) an `env=` keyword argument or a variable later passed as one."""
    cur: ast.AST | None = node
    while cur is not None:
        parent = parents.get(cur)
        if isinstance(parent, ast.keyword):
            return EnvShape.CHILD if parent.arg in _ENV_KEYWORDS else EnvShape.WHOLE
        if isinstance(parent, (ast.Assign, ast.AnnAssign)):
            return _alias_use(parent, parents, EnvShape.WHOLE)
        if isinstance(parent, (ast.Dict, ast.Call, ast.BinOp, ast.Starred)) or \
                (isinstance(parent, ast.Attribute) and parent.attr in WHOLE_ENV_METHODS):
            cur = parent
            continue
        return EnvShape.WHOLE
    return EnvShape.WHOLE


def _alias_use(assign: ast.AST, parents: dict[ast.AST, ast.AST], otherwise: EnvShape = EnvShape.COMPUTED) -> EnvShape:
    """The shape of `name = <environment>`: CHILD when every later use of `name` in the same function
    is an `env=` argument or a key assignment (`name["X"] = v`), else `otherwise`."""
    targets = assign.targets if isinstance(assign, ast.Assign) else [getattr(assign, "target", None)]
    names = {t.id for t in targets if isinstance(t, ast.Name)}
    if not names:
        return otherwise
    scope = _enclosing_scope(assign, parents)
    uses = [n for n in ast.walk(scope) if isinstance(n, ast.Name) and n.id in names and isinstance(n.ctx, ast.Load)]
    if not uses:
        return otherwise
    child = False
    for use in uses:
        parent = parents.get(use)
        if isinstance(parent, ast.keyword) and parent.arg in _ENV_KEYWORDS:
            child = True
        elif isinstance(parent, ast.Subscript) and isinstance(parent.ctx, ast.Store):
            continue  # env["X"] = value
        elif isinstance(parent, ast.Attribute) and parent.attr in ("update", "setdefault", "pop"):
            continue
        else:
            return otherwise
    return EnvShape.CHILD if child else otherwise


def _enclosing_scope(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> ast.AST:
    cur: ast.AST | None = node
    while cur is not None and not isinstance(cur, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Module)):
        cur = parents.get(cur)
    return cur if cur is not None else node


def _key(expr: ast.expr | None, consts: dict[str, str], parents: dict[ast.AST, ast.AST]) -> tuple[EnvShape, tuple[str, ...]]:
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return EnvShape.NAMED, (expr.value,)
    if isinstance(expr, ast.Name):
        if expr.id in consts:
            return EnvShape.NAMED, (consts[expr.id],)
        known = _loop_constants(expr, parents, consts) or _argument_constants(expr, parents, consts)
        if known:
            return EnvShape.KNOWN, known
    if isinstance(expr, ast.JoinedStr):
        prefix = "".join(v.value for v in expr.values[:1] if isinstance(v, ast.Constant) and isinstance(v.value, str))
        return EnvShape.COMPUTED, ((prefix + "*",) if prefix else ())
    return EnvShape.COMPUTED, ()


def _loop_constants(name: ast.Name, parents: dict[ast.AST, ast.AST], consts: dict[str, str]) -> tuple[str, ...]:
    """The constant strings a loop variable runs over: `for k in ("A", "B")` / `[… for k in ["A"]]`,
    or a name bound once to such a sequence in the function or the module
    (`names = ["A", "B"]; for k in names`)."""
    cur: ast.AST | None = parents.get(name)
    while cur is not None:
        loops: Iterator[ast.For | ast.comprehension] = iter(())
        if isinstance(cur, ast.For):
            loops = iter([cur])
        elif isinstance(cur, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            loops = iter(cur.generators)
        for loop in loops:
            if isinstance(loop.target, ast.Name) and loop.target.id == name.id:
                return _sequence_strings(loop.iter, parents, consts)
        if isinstance(cur, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.Module)):
            break
        cur = parents.get(cur)
    return ()


def _sequence_strings(expr: ast.expr, parents: dict[ast.AST, ast.AST], consts: dict[str, str]) -> tuple[str, ...]:
    """The strings of a literal tuple, list or set of string constants (module-level string constants
    stand in for their values), or of a name bound once to one in its function or in the module."""
    if isinstance(expr, ast.Name):
        bound = _bound_once(expr, parents)
        if bound is None or isinstance(bound, ast.Name):
            return ()
        expr = bound
    if not isinstance(expr, (ast.Tuple, ast.List, ast.Set)) or not expr.elts:
        return ()
    items = [_string(e, consts) for e in expr.elts]
    return tuple(i for i in items if i is not None) if all(i is not None for i in items) else ()


def _string(expr: ast.expr, consts: dict[str, str]) -> str | None:
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return expr.value
    if isinstance(expr, ast.Name):
        return consts.get(expr.id)
    return None


def _bound_once(name: ast.Name, parents: dict[ast.AST, ast.AST]) -> ast.expr | None:
    """The value a name is bound to when its function (or, failing that, the module) binds it
    exactly once, by a plain assignment; None otherwise (a parameter, a loop target, rebinding)."""
    scope: ast.AST = _enclosing_scope(name, parents)
    for where in (scope, _module_of(scope, parents)):
        if where is None:
            continue
        values: list[ast.expr] = []
        stores = 0
        for node in local_walk(ast.iter_child_nodes(where)):
            if isinstance(node, ast.Name) and node.id == name.id and isinstance(node.ctx, (ast.Store, ast.Del)):
                stores += 1
                parent = parents.get(node)
                if isinstance(parent, (ast.Assign, ast.AnnAssign)) and parent.value is not None and \
                        (parent.targets if isinstance(parent, ast.Assign) else [parent.target]) == [node]:
                    values.append(parent.value)
            elif isinstance(node, ast.arg) and node.arg == name.id:
                return None
        if stores:
            return values[0] if stores == 1 and len(values) == 1 else None
    return None


def _module_of(scope: ast.AST, parents: dict[ast.AST, ast.AST]) -> ast.Module | None:
    cur: ast.AST | None = scope
    while cur is not None and not isinstance(cur, ast.Module):
        cur = parents.get(cur)
    return cur if cur is not scope else None




def _argument_constants(name: ast.Name, parents: dict[ast.AST, ast.AST], consts: dict[str, str]) -> tuple[str, ...]:
    """The constant strings passed for a parameter of a module-private function (`_flag(name)`,
    a name starting with `_`, or a function nested in another) by every call of it in the module
    (`_flag("APP_DEBUG")`, `_flag(FORMS_ENV)`); () when a call passes anything else, the parameter is
    rebound, or nothing calls it here (its callers are elsewhere)."""
    func = _enclosing_scope(name, parents)
    if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return ()
    params = [a.arg for a in func.args.posonlyargs + func.args.args]
    if name.id not in params and name.id not in [a.arg for a in func.args.kwonlyargs]:
        return ()
    nested = isinstance(parents.get(func), (ast.FunctionDef, ast.AsyncFunctionDef))
    method = isinstance(parents.get(func), ast.ClassDef)
    if not (func.name.startswith("_") and not func.name.startswith("__") or nested):
        return ()
    if any(isinstance(n, ast.Name) and n.id == name.id and not isinstance(n.ctx, ast.Load)
           for n in local_walk(ast.iter_child_nodes(func))):
        return ()
    index = params.index(name.id) if name.id in params else None
    if method and index is not None and not any(isinstance(d, ast.Name) and d.id == "staticmethod"
                                                for d in func.decorator_list):
        index -= 1  # self / cls
    module = _module_of(func, parents)
    if module is None:
        return ()
    found: list[str] = []
    for node in ast.walk(module):
        if not isinstance(node, ast.Call):
            continue
        callee = node.func
        called = callee.id if isinstance(callee, ast.Name) else (
            callee.attr if isinstance(callee, ast.Attribute) and method else None)
        if called != func.name:
            if any(isinstance(a, ast.Name) and a.id == func.name for a in node.args):
                return ()  # handed on as a value: called from elsewhere
            continue
        arg: ast.expr | None = next((k.value for k in node.keywords if k.arg == name.id), None)
        if arg is None and index is not None and 0 <= index < len(node.args):
            if any(isinstance(a, ast.Starred) for a in node.args[:index + 1]):
                return ()
            arg = node.args[index]
        if arg is None:
            default = _default(func, name.id)
            if default is None:
                return ()
            arg = default
        value = _string(arg, consts)
        if value is None:
            return ()
        found.append(value)
    return tuple(dict.fromkeys(found))


def _default(func: ast.FunctionDef | ast.AsyncFunctionDef, param: str) -> ast.expr | None:
    positional = func.args.posonlyargs + func.args.args
    defaults = dict(zip([a.arg for a in positional[len(positional) - len(func.args.defaults):]],
                        func.args.defaults, strict=True))
    defaults.update({a.arg: d for a, d in zip(func.args.kwonlyargs, func.args.kw_defaults, strict=True)
                     if d is not None})
    return defaults.get(param)
