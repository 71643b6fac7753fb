"""Receivers by the values the package passes in: what a parameter holds at the package's own
calls of its function, for the calls the context-free evaluator cannot type.

`execute_query(sql, db_client: Any)` calls `db_client.query(sql)`: the annotation says nothing,
but every call of `execute_query` in the package passes a `DatabaseClient`, so the call is
`DatabaseClient.query`. The same for a wrapper that calls a function it was handed
(`make_partial_function(find, {...})` returns a `wrapper` calling `original_func(**kw)`): the
functions passed at the calls of the enclosing factory are the ones it calls.

Only objects and functions are taken from the call sites (package instances and functions,
library objects); a parameter the calls leave unknown stays unknown, and its calls stay unresolved.
The graph builder asks only when the evaluator's own answer is unknown, so nothing already
typed changes.

A function passed by name (`_offload(name, do_embed, root)`) is already a callee of the call that
passes it (the graph's callback edge, one per caller); calling the parameter (`work()`, also from a
closure of the receiving function that does not escape it) reaches only that caller's function.
`called_objects` leaves those out, so the callbacks of every caller are not linked to each one.
"""

from __future__ import annotations

import ast

from mcpvet.frontends.python.astwalk import local_walk
from mcpvet.frontends.python.evaluator import Evaluator
from mcpvet.frontends.python.index import FuncInfo
from mcpvet.frontends.python.scopes import Scope
from mcpvet.frontends.python.values import EMPTY, ExtInst, Func, Instance, Klass, Unknown, Value

# calls that give back (a wrapper of) the function they are handed
_GIVE_BACK = frozenset({"partial", "wraps", "update_wrapper", "staticmethod", "classmethod", "property", "cast"})
# how many enclosing calls deep a parameter is followed (`f(x)` called with `g`'s parameter, ...)
MAX_DEPTH = 3


class CallSiteTypes:
    """What a parameter of a package function holds at the package's calls of that function."""

    def __init__(self, ev: Evaluator) -> None:
        self.ev = ev
        self._memo: dict[tuple[str, str], frozenset[Value]] = {}
        self._active: set[tuple[str, str]] = set()
        self._aliases: dict[str, set[str]] | None = None  # imported name -> the local names it is imported as
        # functions every call site passes by plain reference for a parameter (the caller's callback edge reaches them)
        self._plain: dict[tuple[str, str], frozenset[Value]] = {}
        self._escapes: dict[str, bool] = {}

    def param_objects(self, f: FuncInfo, name: str, depth: int = 0) -> frozenset[Value]:
        """Objects and functions passed for parameter `name` of `f` at its calls in the package (empty: none known)."""
        key = (f.qualname, name)
        cached = self._memo.get(key)
        if cached is not None:
            return cached
        if key in self._active or depth > MAX_DEPTH or isinstance(f.node, ast.Lambda):
            return EMPTY
        self._active.add(key)
        try:
            result = self._compute(f, name, depth)
        finally:
            self._active.discard(key)
        self._memo[key] = result
        return result

    def _names_of(self, f: FuncInfo) -> list[str]:
        """The names calls of `f` use: its own, and those it is imported as (`import f as g`)."""
        if self._aliases is None:
            self._aliases = {}
            tables = [m.bindings for m in self.ev.p.modules.values()]
            tables += [fn.bindings for fn in self.ev.p.funcs.values()]
            for table in tables:
                for local, bindings in table.items():
                    for b in bindings:
                        if b.kind == "importfrom" and local != b.target.rsplit(".", 1)[-1]:
                            self._aliases.setdefault(b.target.rsplit(".", 1)[-1], set()).add(local)
        return [f.name, *sorted(self._aliases.get(f.name, ()))]

    def _compute(self, f: FuncInfo, name: str, depth: int) -> frozenset[Value]:
        ev = self.ev
        out: set[Value] = set()
        if f.name == "__init__" and f.klass:
            sites = ev.call_index.named(f.klass.rsplit(".", 1)[-1])
            target: Value = Klass(f.klass)
        else:
            sites = [site for alias in self._names_of(f) for site in ev.call_index.named(alias)]
            target = Func(f.qualname)
        plain: dict[Value, bool] = {}
        for call, module, caller in sites[: 4 * ev.max_values]:
            if ev.expired:
                break
            at = ev.func_scope(caller) if caller else ev.module_scope(module)
            if target not in ev.ev(call.func, at):
                continue
            receiver = f.klass is not None and not f.is_static and (
                isinstance(call.func, ast.Attribute) or f.name == "__init__")
            node = argument_for(f, call, name, skip_receiver=receiver)
            if node is None:
                continue
            values = ev.ev(node, at)
            direct = isinstance(node, (ast.Name, ast.Attribute, ast.Lambda))
            if not _objects(values) and isinstance(node, ast.Name) and caller is not None:
                values = self.name_objects(node.id, at, depth + 1)
                direct = False
            for v in _objects(values):
                if isinstance(v, Func):
                    plain[v] = plain.get(v, True) and direct
            out |= _objects(values)
            if len(out) > ev.max_values:
                return EMPTY
        self._plain[(f.qualname, name)] = frozenset(v for v, ok in plain.items() if ok)
        return frozenset(out)

    def called_objects(self, name: str, scope: Scope) -> frozenset[Value]:
        """What calling parameter `name` (`name(...)`) may reach beyond the callback edges of the
        calls that pass it: the objects of `name_objects` less the functions every call passes by
        plain reference, when the call runs while the receiving function runs (in its own body, or
        in a closure of it that does not escape it)."""
        s: Scope | None = scope
        own = True
        while s is not None:
            f = s.func
            if s.kind == "func" and f is not None:
                if name in f.params:
                    objects = self.param_objects(f, name)
                    if own or not self._closure_escapes(f):
                        return objects - self._plain.get((f.qualname, name), EMPTY)
                    return objects
                if name in f.bindings or name in f.global_names:
                    return EMPTY
                own = False
            s = s.parent
        return EMPTY

    def _closure_escapes(self, f: FuncInfo) -> bool:
        """A function or lambda nested in `f` may be called after `f` returns (`_lets_out`)."""
        cached = self._escapes.get(f.qualname)
        if cached is None:
            body = f.node.body if isinstance(f.node.body, list) else [f.node.body]
            nested = {n.name for n in local_walk(body) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
            cached = self._escapes[f.qualname] = any(_lets_out(n, nested) for n in local_walk(body))
        return cached

    def name_objects(self, name: str, scope: Scope, depth: int = 0) -> frozenset[Value]:
        """Objects a name holds when it is a parameter (of the function of `scope` or of one
        enclosing it) that the evaluator leaves unknown: what the package's calls pass for it."""
        s: Scope | None = scope
        while s is not None:
            f = s.func
            if s.kind == "func" and f is not None:
                if name in f.params:
                    return self.param_objects(f, name, depth)
                if name in f.bindings or name in f.global_names:
                    return EMPTY
            s = s.parent
        return EMPTY


def _returns_function(node: ast.expr, nested: set[str]) -> bool:
    """A value (returned, stored, handed to a method) may be a function made in the enclosing body:
    a nested def's name or a lambda, also in a container; one handed to a plain call
    (`_run_off_loop(_run)`) is run there, except by the wrappers that give it back (`partial`, `wraps`)."""
    if isinstance(node, ast.Lambda) or (isinstance(node, ast.Name) and node.id in nested):
        return True
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id not in _GIVE_BACK:
        return _returns_function(node.func, nested)
    return any(_returns_function(c, nested) for c in ast.iter_child_nodes(node) if isinstance(c, ast.expr))


def _lets_out(n: ast.AST, nested: set[str]) -> bool:
    """A statement or call of an enclosing body that lets a function made there outlive it: it is
    returned, decorated, stored in an attribute, item or global, or handed to a method (a registry's
    `add`, an executor's `submit`); handing it to a plain function call keeps it inside."""
    if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return bool(n.decorator_list)
    if isinstance(n, (ast.Global, ast.Nonlocal)):
        return True
    if isinstance(n, ast.Return):
        return n.value is not None and _returns_function(n.value, nested)
    if isinstance(n, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
        targets = n.targets if isinstance(n, ast.Assign) else [n.target]
        return (n.value is not None and _returns_function(n.value, nested)
                and any(not isinstance(t, ast.Name) for t in targets))
    if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute):
        return any(_returns_function(a, nested) for a in [*n.args, *(k.value for k in n.keywords)])
    return False


def _objects(values: frozenset[Value]) -> frozenset[Value]:
    return frozenset(v for v in values if isinstance(v, (Instance, ExtInst, Func, Klass)))


def unknown(values: frozenset[Value]) -> bool:
    """Nothing but unknowns (or nothing at all)."""
    return all(isinstance(v, Unknown) for v in values)


def argument_for(f: FuncInfo, call: ast.Call, name: str, *, skip_receiver: bool) -> ast.expr | None:
    """The argument expression one call passes for parameter `name` (None: not passed, or through `*args`)."""
    if isinstance(f.node, ast.Lambda):
        return None
    for kw in call.keywords:
        if kw.arg == name:
            return kw.value
    a = f.node.args
    positional = [x.arg for x in [*a.posonlyargs, *a.args]]
    if skip_receiver and positional:
        positional = positional[1:]
    if name not in positional:
        return None
    index = positional.index(name)
    for i, arg in enumerate(call.args):
        if isinstance(arg, ast.Starred):
            return None
        if i == index:
            return arg
    return None
