"""A small abstract interpreter over the package's syntax trees: what values can an expression have?

Flow-insensitive and context-insensitive by default (every assignment to a name counts), with
optional constant bindings per scope (used to unroll registration loops and to specialise a
low-level `call_tool` dispatcher for one tool name). Never imports or runs anything.
"""

from __future__ import annotations

import ast
import builtins
import itertools
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from mcpvet.analysis.budgets import BudgetCuts, Budgets, analysis_clock
from mcpvet.frontends.python import clients, datafiles, enums, library, pkgfiles, records, sdk
from mcpvet.frontends.python.applications import Applications
from mcpvet.frontends.python.callsites import CallIndex, positional_params, super_init_call
from mcpvet.frontends.python.index import Binding, FuncInfo, Program, target_paths
from mcpvet.frontends.python.narrowing import Narrowing
from mcpvet.frontends.python.paths import PackagePaths, vendored_sdk
from mcpvet.frontends.python.records import Built
from mcpvet.frontends.python.scopes import Binder, Scope
from mcpvet.frontends.python.values import (
    EMPTY,
    NO,
    UNKNOWN,
    Const,
    DictVal,
    Ext,
    ExtInst,
    Func,
    Instance,
    Klass,
    Managed,
    Module,
    PkgHandle,
    PkgMethod,
    PkgPath,
    Record,
    Seq,
    ServerMethod,
    Super,
    ToolDecorator,
    ToolSpec,
    Unknown,
    Value,
    const_of,
    one,
    ordered,
    too_wide,
)
from mcpvet.sinks.pyclients import summary_of

BUILTIN_NAMES = frozenset(dir(builtins))
_NONE_CONST = Const(None)  # what `d.get(key)` answers for a key the dict does not hold
# names an annotation may use that say nothing about the object (`db_client: Any`): no instance
_NO_INSTANCE_TYPES = ("builtins.", "typing.", "typing_extensions.", "collections.abc.", "types.")

_ITEM_IS_ATTRIBUTE = frozenset({"pymongo", "motor", "mongomock"})  # libraries where `x["name"]` is `x.name`
_CONTEXT_MANAGERS = frozenset({"contextlib.contextmanager", "contextlib.asynccontextmanager"})
_ENV_GETS = frozenset({"os.getenv", "os.environ.get"})  # environment reads with a default (setting_default)


_NO_CUT = 1 << 30
_K = TypeVar("_K")


class _Guards:
    """The recursion guards open on the evaluation stack, each with its level (0 the outermost), and
    the lowest level a guard met since the innermost memoised computation began (`low`): a value
    computed while a guard of an enclosing computation cut the recursion below it is partial, and
    which part it holds depends on the order the evaluation went (a hashed set's order), so it is
    not memoised (`Evaluator._guarded`)."""

    def __init__(self) -> None:
        self.level: dict[tuple[object, ...], int] = {}
        self.low = _NO_CUT

    def __contains__(self, guard: object) -> bool:
        lvl = self.level.get(guard)  # type: ignore[call-overload]
        if lvl is None:
            return False
        if lvl < self.low:
            self.low = lvl
        return True

    def add(self, guard: tuple[object, ...]) -> None:
        self.level[guard] = len(self.level)

    def discard(self, guard: tuple[object, ...]) -> None:
        self.level.pop(guard, None)


class Evaluator(Binder):
    """What values an expression can have, in a scope of the program (see `scopes.Binder`)."""

    def __init__(
        self,
        program: Program,
        read_file: Callable[[str], str | None] | None = None,
        budgets: Budgets | None = None,
        cuts: BudgetCuts | None = None,
    ) -> None:
        super().__init__(program)
        self.paths = PackagePaths(program, read_file)
        self.budgets = budgets or Budgets()
        self.cuts = cuts if cuts is not None else BudgetCuts()
        self.max_depth = self.budgets.py_eval_depth
        self.max_unroll = self.budgets.py_loop_unroll
        self.max_values = self.budgets.py_value_set
        self._specialised: dict[tuple[object, ...], frozenset[Value]] = {}
        self._memo: dict[tuple[int, int], frozenset[Value]] = {}
        self._lookup_memo: dict[tuple[int, str], frozenset[Value]] = {}
        self._active = _Guards()
        self._returns: dict[str, frozenset[Value]] = {}
        self._mro: dict[str, tuple[list[str], list[str]]] = {}
        self._decorated: dict[str, frozenset[Value]] = {}
        # (function, parameter) -> the values passed at its call sites, where a pre-pass found them
        # (a handler class's `__init__(self, mcp)` given the server)
        self.call_site_params: dict[tuple[str, str], frozenset[Value]] = {}
        self.depth = 0
        self.tool: str | None = None  # the tool being analysed, when a caller knows (named in budget cuts)
        # the frontend_seconds budget: a deadline checked every few hundred evaluations; once it has
        # passed, every evaluation not already memoised is unknown and the callers stop their loops
        # (the frontend names what was left unfinished)
        self.deadline: float | None = None
        self.expired = False
        self.stopped_by = "frontend_seconds"  # or py_memo_entries: the budget that stopped the evaluation
        self.max_memo = self.budgets.py_memo_entries
        self._ticks = 0
        self.call_index = CallIndex(program)
        # the tools a FastMCP lists, as records, while an override of its list_tools is evaluated
        self.listed_tools: frozenset[Value] | None = None
        self._site_scopes: dict[str, list[Scope] | None] = {}
        self.applications = Applications(self)  # where decorators run: one scope per `@dec` on a def
        self._ctor_scopes: dict[tuple[str, str], Scope] = {}
        # while `at_setting_defaults()` runs: an environment read with a constant default is that default
        self.setting_defaults = False
        self.client_bases: dict[int, tuple[str, str]] = {}  # base URLs of HTTP clients (`clients.base_of`)
        self.narrowing = Narrowing(self)  # `isinstance` tests on known instances (a dispatcher on parsed models)

    def start_clock(self, seconds: float, started: float | None = None) -> None:
        """Start the frontend_seconds budget (from `started`, an `analysis_clock()` reading, if given)."""
        self.deadline = (started if started is not None else analysis_clock()) + seconds

    def out_of_time(self) -> bool:
        """True once the frontend_seconds deadline has passed (then for good)."""
        if not self.expired and self.deadline is not None and analysis_clock() > self.deadline:
            self.expired = True
        return self.expired

    def _guarded(self, guard: tuple[object, ...], memo: dict[_K, frozenset[Value]], key: _K,
                 compute: Callable[[], frozenset[Value]]) -> frozenset[Value]:
        """`compute()` with `guard` open, kept in `memo[key]` when its value is whole: when no guard of an
        enclosing computation cut the recursion below it (`_Guards`)."""
        active = self._active
        saved, active.low = active.low, _NO_CUT
        level = len(active.level)
        active.add(guard)
        try:
            result = compute()
        finally:
            active.discard(guard)
            met = active.low
            active.low = min(saved, met)
        if met >= level:
            memo[key] = result
        return result

    def _cut(self, budget: str, what: str, scope: Scope | None) -> None:
        """Record that a budget stopped the evaluation (in the module of `scope`)."""
        path = None
        if scope is not None:
            m = self.p.modules.get(scope.module)
            path = scope.func.path if scope.func is not None else m.path if m is not None else None
        self.cuts.cut(budget, what, tool=self.tool, path=path)

    # ------------------------------------------------------------------ names
    def lookup(self, name: str, scope: Scope | None) -> frozenset[Value]:
        if scope is None:
            return one(UNKNOWN)
        if name in scope.overrides:
            return scope.overrides[name]
        if scope.base is not None and not self.depends_on_overrides(scope, name):
            # the same as without the overrides: one evaluation (and one recursion guard) for every
            # derived scope, where a comprehension over a name it also rebinds would otherwise be
            # re-evaluated afresh at each element, nested to the depth budget
            return self.lookup(name, scope.base)
        key = (scope.key, name)
        cached = self._lookup_memo.get(key)
        if cached is not None:
            return cached
        guard = ("lookup", scope.key, name)
        active = self._active  # the guard bookkeeping of `_Guards` and `_guarded` inline (a hot path)
        levels = active.level
        met = levels.get(guard)
        if met is not None:
            if met < active.low:
                active.low = met
            return EMPTY
        saved, active.low = active.low, _NO_CUT
        level = levels[guard] = len(levels)
        try:
            result = self._lookup(name, scope)
        finally:
            del levels[guard]
            met = active.low
            active.low = met if met < saved else saved
        if met >= level:
            self._lookup_memo[key] = result
        return result

    def _lookup(self, name: str, scope: Scope) -> frozenset[Value]:
        if scope.kind == "func":
            f = scope.func
            assert f is not None
            if name in f.global_names:
                return self.lookup(name, self.module_scope(f.module))
            if name in f.bindings:
                return self.eval_bindings(name, f.bindings[name], scope)
            return self.lookup(name, scope.parent)
        if scope.kind == "class":
            c = scope.klass
            assert c is not None
            if name in c.bindings:
                return self.eval_bindings(name, c.bindings[name], scope)
            return self.lookup(name, scope.parent)
        found = self.global_value(scope.module, name, scope)
        if found is not None:
            return found
        if name in BUILTIN_NAMES:
            return one(Ext(f"builtins.{name}"))
        if name == "__file__" and scope.module in self.p.modules:
            return one(PkgPath("pathlib.Path", path=self.p.modules[scope.module].path))
        if name == "__builtins__":
            return one(Module("builtins", False))
        return one(Unknown(f"name {name}"))

    def global_value(self, module: str, name: str, scope: Scope | None = None) -> frozenset[Value] | None:
        """A module-level name of a package module (None when the module does not bind it)."""
        m = self.p.modules.get(module)
        if m is None:
            return None
        scope = scope or self.module_scope(module)
        if name in m.bindings:
            values = self.eval_bindings(name, m.bindings[name], scope)
            sets = m.attr_sets.get(name)
            return self.with_attrs(values, sets, self.module_scope(module)) if sets else values
        for star in m.bindings.get("*", []):
            if star.target in self.p.modules:
                guard = ("star", star.target, name)
                if guard in self._active:
                    continue
                self._active.add(guard)
                try:
                    found = self.global_value(star.target, name)
                finally:
                    self._active.discard(guard)
                if found is not None:
                    return found
            else:
                return one(Ext(f"{star.target}.{name}"))
        if f"{module}.{name}" in self.p.modules:
            return one(Module(f"{module}.{name}", True))
        return None

    def with_attrs(self, values: frozenset[Value], sets: list[tuple[str, ast.expr]], scope: Scope) -> frozenset[Value]:
        """A module global's values after the module body set attributes on it (`tool.description =
        _describe()`): a tool object of a library made from a function (`FunctionTool(fn)`) holds
        them, the last assignment of each attribute winning; other values are as they were made."""
        if not any(isinstance(v, ToolSpec) and v.library for v in values):
            return values
        attrs: dict[str, frozenset[Value]] = {}
        nodes: dict[str, tuple[ast.expr, int]] = {}
        for attr, node in sets:
            attrs[attr] = self.ev(node, scope)
            nodes[attr] = (node, scope.key)
        out: set[Value] = set()
        for v in values:
            if isinstance(v, ToolSpec) and v.library:
                merged = dict(v.attrs) | attrs
                where = {a: (n, k) for a, n, k in v.attr_nodes} | nodes
                v = ToolSpec(v.call, v.scope_id, v.from_function, v.library, tuple(sorted(merged.items())),
                             tuple(sorted(((a, n, k) for a, (n, k) in where.items()), key=lambda x: x[0])))
            out.add(v)
        return frozenset(out)

    def local_module(self, name: str) -> str | None:
        return self.paths.local_module(name)

    def module_value(self, name: str) -> Value:
        return self.paths.module_value(name)

    def eval_bindings(self, name: str, bindings: list[Binding], scope: Scope) -> frozenset[Value]:
        out: set[Value] = set()
        # a registry filled in a function, once per call or decorator application: one list (one
        # dict) of every item, not one alternative per call
        appended: list[frozenset[Value]] = []
        stored: list[tuple[frozenset[Value], frozenset[Value]]] = []
        for b in bindings:
            if scope.kind == "module" and b.owner in self.p.funcs:
                # `global table; table[k] = v` in a function: evaluated where it runs, once per call
                for at in self.owner_scopes(b.owner):
                    if b.kind == "append":
                        appended.append(self.ev(b.node, at))
                    elif b.kind == "setitem":
                        stored.append((self.ev(b.extra, at), self.ev(b.node, at)))
                    else:
                        out |= self.eval_binding(name, b, at)
            else:
                out |= self.eval_binding(name, b, scope)
            if len(out) > self.max_values:
                self._cut("py_value_set", f"values of {name!r} (more alternatives than the budget) taken as unknown", scope)
                return one(Unknown("too many values"))
        if appended:
            out.add(Seq(tuple(appended)))
        if stored:
            out.add(DictVal(tuple(stored)))
        declared = [b.node for b in bindings if b.kind == "declared" and isinstance(b.node, ast.expr)]
        if declared and not typed(out):
            for ann in declared:
                out |= self.declared_instances(ann, scope)
        return frozenset(out)

    def eval_binding(self, name: str, b: Binding, scope: Scope) -> frozenset[Value]:
        k = b.kind
        if k == "assign":
            return self.project(self.ev(b.node, scope), b.path)
        if k == "for":
            return self.project(self.iterate(self.ev(b.node, scope)), b.path)
        if k == "with":
            return self.project(self.enter(self.ev(b.node, scope)), b.path)
        if k == "import":
            return one(self.module_value(b.target))
        if k == "importfrom":
            return self.import_from(b.target)
        if k == "def":
            return self.decorated(b.target) | self.wrapped_here(b.target, scope)
        if k == "class":
            return one(Klass(b.target))
        if k == "append":
            return one(Seq((self.ev(b.node, scope),)))
        if k == "extend":
            return frozenset(v for v in self.ev(b.node, scope) if isinstance(v, (Seq, DictVal)))
        if k == "setitem":
            return one(DictVal(((self.ev(b.extra, scope), self.ev(b.node, scope)),)))
        if k == "param":
            return self.param_value(name, scope)
        if k == "annotation":
            return self.declared_instances(b.node, scope) if isinstance(b.node, ast.expr) else EMPTY
        if k == "declared":
            return EMPTY  # eval_bindings adds the declared type when the assignments tell none
        return one(Unknown(f"{name} ({k})"))

    def import_from(self, target: str) -> frozenset[Value]:
        sdk_name = vendored_sdk(target)
        if sdk_name is not None:  # `from pkg._vendor.fastmcp import FastMCP`: the SDK's FastMCP
            local = target in self.p.modules or any(m.startswith(target + ".") for m in self.p.modules)
            return one(Module(sdk_name, False) if local else Ext(sdk_name))
        if target in self.p.modules:
            return one(Module(target, True))
        base, _, attr = target.rpartition(".")
        if base and base not in self.p.modules:
            alias = self.local_module(base)
            if alias is not None and alias in self.p.modules:
                base, target = alias, f"{alias}.{attr}"
                if target in self.p.modules:
                    return one(Module(target, True))
        if base in self.p.modules:
            guard = ("import", target)
            if guard in self._active:
                return EMPTY
            self._active.add(guard)
            try:
                found = self.global_value(base, attr)
            finally:
                self._active.discard(guard)
            return found if found is not None else one(Unknown(f"{target} not found"))
        if any(m.startswith(target + ".") for m in self.p.modules):
            return one(Module(target, True))
        return one(Ext(target))

    def param_value(self, name: str, scope: Scope) -> frozenset[Value]:
        f = scope.func
        if f is None or isinstance(f.node, ast.Lambda):
            return one(Unknown(f"parameter {name}"))
        if f.klass and f.params and name == f.params[0] and not f.is_static:
            if f.is_classmethod or f.name == "__new__":
                return one(Klass(f.klass))
            return one(Instance(f.klass))
        known = self.call_site_params.get((f.qualname, name))
        if known is not None:
            return known
        return self.annotated_param(name, f, scope)

    def owner_scopes(self, qualname: str) -> list[Scope]:
        """The scopes a function's body runs in as the package calls it: one per direct call of a
        module-level function (its parameters bound to that call's arguments; plus the unbound
        body when the function is also passed as a value), else its plain scope."""
        if qualname in self._site_scopes:
            return self._site_scopes[qualname] or [self.func_scope(qualname)]
        self._site_scopes[qualname] = None  # while computing: the plain scope
        f = self.p.funcs[qualname]
        scopes: list[Scope] | None = None
        if f.klass is None and f.parent is None and not isinstance(f.node, ast.Lambda):
            sites = self.call_index.named(f.name)
            found: list[Scope] = []
            for call, module, caller in sites[: 4 * self.max_values]:
                at = self.func_scope(caller) if caller else self.module_scope(module)
                if Func(qualname) not in self.ev(call.func, at):
                    continue
                found.append(self.bound(f, self.bind_call(f, call, at, skip_receiver=False)))
            if len(found) > self.max_values:
                self._cut("py_value_set", f"the calls of {f.name}() (more than the budget) not told apart", None)
            elif found:
                scopes = found + ([self.func_scope(qualname)] if self.call_index.passed_as_value(f.name) else [])
        if scopes is None and not isinstance(f.node, ast.Lambda):
            scopes = self.applications.scopes(qualname)[: self.max_unroll] or None
        self._site_scopes[qualname] = scopes
        return scopes or [self.func_scope(qualname)]

    def bind_call(self, f: FuncInfo, call: ast.Call, scope: Scope, skip_receiver: bool) -> dict[str, frozenset[Value]]:
        """The parameters of `f` one call binds (arguments evaluated in `scope`, else defaults)."""
        if isinstance(f.node, ast.Lambda):
            return {}
        a = f.node.args
        positional = positional_params(f, skip_receiver)
        binds: dict[str, frozenset[Value]] = {}
        def_scope = self.def_scope(f)
        with_defaults = [x.arg for x in [*a.posonlyargs, *a.args]][len(a.posonlyargs) + len(a.args) - len(a.defaults):]
        for p, d in zip(with_defaults, a.defaults, strict=False):
            binds[p] = self.ev(d, def_scope)
        for x, kd in zip(a.kwonlyargs, a.kw_defaults, strict=False):
            if kd is not None:
                binds[x.arg] = self.ev(kd, def_scope)
        for p, value in zip(positional, call.args, strict=False):
            if isinstance(value, ast.Starred):
                break
            binds[p] = self.ev(value, scope)
        for kw in call.keywords:
            if kw.arg:
                binds[kw.arg] = self.ev(kw.value, scope)
        return binds

    def ctor_scope(self, klass: str, init_q: str) -> Scope:
        """The scope a base class's `__init__` runs in when building an instance of `klass`: its
        parameters bound to what the subclass's `__init__` passes up (`super().__init__("name")`)."""
        key = (klass, init_q)
        cached = self._ctor_scopes.get(key)
        if cached is not None:
            return cached
        plain = self.func_scope(init_q)
        self._ctor_scopes[key] = plain  # cycle guard
        f = self.p.funcs[init_q]
        local = self.mro(klass)[0]
        if f.name != "__init__" or f.klass not in local:
            return plain
        if f.klass == klass:
            scope = self.bound(f, self.constructor_binds(klass, f))
            self._ctor_scopes[key] = scope
            return scope
        below = local[: local.index(f.klass)]
        caller_q = next((self.p.classes[c].methods["__init__"] for c in reversed(below)
                         if c in self.p.classes and "__init__" in self.p.classes[c].methods), None)
        if caller_q is None:
            # no class below defines `__init__`: the base's own runs with the arguments of `klass(...)`
            scope = self.bound(f, self.constructor_binds(klass, f))
            self._ctor_scopes[key] = scope
            return scope
        caller = self.p.funcs[caller_q]
        caller_scope = self.ctor_scope(klass, caller_q)
        base = f.klass

        def names_base(expr: ast.expr) -> bool:
            return Klass(base) in self.ev(expr, caller_scope)

        call = super_init_call(caller, base, names_base)
        if call is None:
            return plain
        explicit = not (isinstance(call.func, ast.Attribute) and isinstance(call.func.value, ast.Call))
        binds = self.bind_call(f, call, caller_scope, skip_receiver=not explicit)
        if explicit and call.args:  # Base.__init__(self, ...): the first argument is the receiver
            binds = self.bind_call(f, ast.Call(func=call.func, args=call.args[1:], keywords=call.keywords),
                                   caller_scope, skip_receiver=True)
        scope = self.bound(f, binds)
        self._ctor_scopes[key] = scope
        return scope

    def constructor_binds(self, klass: str, init: FuncInfo) -> dict[str, frozenset[Value]]:
        """The parameters of a class's own `__init__` over the direct calls `Klass(...)` in the
        package (each parameter: the union of what the calls pass, else its default)."""
        merged: dict[str, set[Value]] = {}
        short = klass.rsplit(".", 1)[-1]
        for call, module, caller in self.call_index.named(short)[: self.max_values]:
            at = self.func_scope(caller) if caller else self.module_scope(module)
            if Klass(klass) not in self.ev(call.func, at):
                continue
            for param, values in self.bind_call(init, call, at, skip_receiver=True).items():
                merged.setdefault(param, set()).update(values)
        if not merged:
            return self.bind_call(init, ast.Call(func=ast.Name(id=short), args=[], keywords=[]), self.def_scope(init),
                                  skip_receiver=True)
        return {k: frozenset(v) for k, v in merged.items()}

    def returns_as(self, qualname: str, klass: str) -> frozenset[Value]:
        """What a method inherited from a base class returns when called on an instance of
        `klass` (its `self` is that instance: `self.name` set by the subclass's constructor)."""
        key = ("as", qualname, klass)
        cached = self._specialised.get(key)
        if cached is not None:
            return cached
        f = self.p.funcs[qualname]
        if key in self._active or not f.params:
            return self.returns(qualname)
        return self._guarded(key, self._specialised, key, lambda: self._compute_returns(
            qualname, self.derive(self.func_scope(qualname), {f.params[0]: one(Instance(klass))})))

    @contextmanager
    def at_setting_defaults(self) -> Iterator[None]:
        """Evaluate as the server runs with no optional setting: `os.environ.get("X", d)`, `os.getenv("X", d)`
        with a constant `d` are `d` (a tool name `f"{PREFIX}_x" if PREFIX else "x"` is "x"). Its own memos,
        so the values computed in the analysis (where a setting is unknown) are never mixed with these."""
        memos = ("_memo", "_lookup_memo", "_returns", "_specialised", "_decorated", "_site_scopes", "_ctor_scopes")
        saved = {m: getattr(self, m) for m in memos}
        applications = self.applications
        for m in memos:
            setattr(self, m, {})
        self.applications = Applications(self)
        self.setting_defaults = True
        try:
            yield
        finally:
            self.setting_defaults = False
            for m, memo in saved.items():
                setattr(self, m, memo)
            self.applications = applications

    def setting_default(self, q: str, node: ast.Call, scope: Scope) -> frozenset[Value] | None:
        """`os.environ.get("X", d)` / `os.getenv("X", d)` with constant `d`, under `at_setting_defaults()`."""
        if q not in _ENV_GETS or len(node.args) != 2 or node.keywords:
            return None
        key, default = (const_of(self.ev(a, scope), strict=True) for a in node.args)
        if not isinstance(key, str) or default is NO or not isinstance(default, (str, int, float, bool, type(None))):
            return None
        return one(Const(default))

    def forget(self) -> None:
        """Drop every memoised result (after facts that change them were added)."""
        for memo in (self._memo, self._lookup_memo, self._returns, self._specialised, self._decorated,
                     self._site_scopes, self._ctor_scopes):
            memo.clear()

    def annotated_param(self, name: str, f: FuncInfo, scope: Scope) -> frozenset[Value]:
        """A parameter typed with a class stands for an instance of it (`client: httpx.AsyncClient`)."""
        args = f.node.args
        for a in [*args.posonlyargs, *args.args, *args.kwonlyargs]:
            if a.arg != name or a.annotation is None:
                continue
            out = self.declared_instances(a.annotation, self.def_scope(f))
            if out:
                return out
            break
        return one(Unknown(f"parameter {name}"))

    def annotation_instances(self, ann: ast.expr, scope: Scope) -> frozenset[Value]:
        """The instances a type annotation names (`httpx.AsyncClient` -> an instance of it); empty if none."""
        if isinstance(ann, ast.Constant) and isinstance(ann.value, str):
            try:
                ann = ast.parse(ann.value, mode="eval").body
            except SyntaxError:
                return EMPTY
        if isinstance(ann, (ast.BinOp, ast.Subscript)):
            return EMPTY
        out: set[Value] = set()
        for v in self.ev(ann, scope):
            if isinstance(v, Klass):
                out.add(Instance(v.qualname))
            elif isinstance(v, Ext) and v.qualname.rsplit(".", 1)[-1][:1].isupper() and not v.qualname.startswith(
                    _NO_INSTANCE_TYPES):
                out.add(ExtInst(v.qualname))
        return frozenset(out)

    # ------------------------------------------------------------------ helpers on value sets
    def project(self, values: frozenset[Value], path: tuple[int, ...]) -> frozenset[Value]:
        for index in path:
            nxt: set[Value] = set()
            for v in values:
                if isinstance(v, Seq) and index >= 0 and index < len(v.items):
                    nxt |= v.items[index]
                elif isinstance(v, Const) and isinstance(v.value, tuple) and 0 <= index < len(v.value):
                    nxt.add(Const(v.value[index]))
                elif isinstance(v, Built):
                    nxt |= records.item(v, index)
                else:
                    nxt.add(UNKNOWN)
            values = frozenset(nxt)
        return values

    def iterate(self, values: frozenset[Value]) -> frozenset[Value]:
        out: set[Value] = set()
        for v in values:
            if isinstance(v, Seq):
                for item in v.items:
                    out |= item
            elif isinstance(v, DictVal):
                for k, _ in v.items:
                    out |= k
            elif isinstance(v, Const) and isinstance(v.value, (tuple, str)):
                out |= {Const(x) for x in v.value}
            elif isinstance(v, Built) and v.positional:
                for _name, field_values in v.fields:
                    out |= field_values
            elif isinstance(v, Klass) and (found := enums.members(self, v.qualname)) is not None:
                for member in found:
                    out |= member
            else:
                out.add(UNKNOWN)
        return frozenset(out)

    def elements(self, values: frozenset[Value], scope: Scope | None = None) -> list[frozenset[Value]] | None:
        """The elements of a finite sequence, in order (for unrolling), or None if not known."""
        result: list[frozenset[Value]] = []
        for v in sorted(values, key=repr):
            if isinstance(v, Seq):
                result.extend(v.items)
            elif isinstance(v, DictVal):
                result.extend(k for k, _ in v.items)
            elif isinstance(v, Const) and isinstance(v.value, tuple):
                result.extend(one(Const(x)) for x in v.value)
            elif isinstance(v, Built) and v.positional:
                result.extend(field_values for _name, field_values in v.fields)
            elif isinstance(v, Klass) and (found := enums.members(self, v.qualname)) is not None:
                result.extend(found)
            else:
                return None
        if len(result) > self.max_unroll:
            self._cut("py_loop_unroll", f"a sequence of {len(result)} elements not unrolled (loops over it, tools "
                      "registered in them and values built from it are not analysed element by element)", scope)
            return None
        return result

    def enter(self, values: frozenset[Value]) -> frozenset[Value]:
        out: set[Value] = set()
        for v in values:
            if isinstance(v, Managed):
                out |= v.items
            elif isinstance(v, Instance):
                for m in ("__enter__", "__aenter__"):
                    q = self.method(v.klass, m)
                    if q:
                        out |= self.returns(q)
                        break
                else:
                    out.add(v)
            else:
                out.add(v)
        return frozenset(out)

    # ------------------------------------------------------------------ classes
    def mro(self, klass: str) -> tuple[list[str], list[str]]:
        """(local classes in method resolution order, external base names)."""
        cached = self._mro.get(klass)
        if cached is not None:
            return cached
        self._mro[klass] = ([klass], [])  # cycle guard
        local: list[str] = [klass]
        external: list[str] = []
        c = self.p.classes.get(klass)
        if c is not None:
            scope = self.class_scope(klass).parent
            for base in c.node.bases:
                if isinstance(base, ast.Subscript):  # a generic base: FastMCP[LifespanT] is FastMCP
                    base = base.value
                for v in self.ev(base, scope):
                    if isinstance(v, Klass) and v.qualname in self.p.classes:
                        sub_local, sub_ext = self.mro(v.qualname)
                        local.extend(q for q in sub_local if q not in local)
                        external.extend(q for q in sub_ext if q not in external)
                    elif isinstance(v, Ext) and v.qualname not in external:
                        external.append(v.qualname)
        self._mro[klass] = (local, external)
        return local, external

    def method(self, klass: str, name: str) -> str | None:
        for k in self.mro(klass)[0]:
            c = self.p.classes.get(k)
            if c and name in c.methods:
                return c.methods[name]
        return None

    def class_attr(self, klass: str, name: str, instance: bool) -> frozenset[Value]:
        local, external = self.mro(klass)
        if instance and name in sdk.SERVER_METHODS:
            # a package's own subclass of a server class (to wrap tool registration, say) still
            # registers through the SDK: its override is expected to delegate to super()
            for base in external:
                method = sdk.server_method(base, name)
                if method is not None:
                    return method
        for k in local:
            c = self.p.classes.get(k)
            if c is None:
                continue
            if name in c.methods:
                q = c.methods[name]
                f = self.p.funcs[q]
                if f.is_property and instance:
                    # a base class's property read on a subclass's object runs with `self` that object
                    return self.returns_as(q, klass) if k != klass else self.returns(q)
                return one(Func(q))
            if name in c.bindings:
                found = self.eval_bindings(name, c.bindings[name], self.class_scope(k))
                if instance:  # `self.X = …` in a method shadows the class's X on the objects it runs for
                    found = found | self.assigned_attr(klass, local, name)
                return found
            if instance and (name in c.inst_attrs or name in c.inst_decls):
                out = set(self._assigned_in(klass, k, name))
                if not typed(out):
                    for ann, fq in c.inst_decls.get(name, ()):
                        out |= self.declared_instances(ann, self.def_scope(self.p.funcs[fq]))
                return frozenset(out)
        if external:
            out2: set[Value] = set()
            for base in external:
                out2 |= self.ext_attr(base, name, instance=True)
            return frozenset(out2)
        return one(Unknown(f"attribute {name} of {klass}"))

    def assigned_attr(self, klass: str, local: list[str] | tuple[str, ...], name: str) -> frozenset[Value]:
        """The values the package's methods give `self.<name>` on a `klass` object (`self.X = …` in any
        class of its MRO), beside a class attribute of that name: either may be what an object holds."""
        out: set[Value] = set()
        for k in local:
            out |= self._assigned_in(klass, k, name)
        return frozenset(out)

    def _assigned_in(self, klass: str, k: str, name: str) -> frozenset[Value]:
        """What the methods of class `k` (`klass` or one of its bases) assign to `self.<name>`, on a `klass` object."""
        c = self.p.classes.get(k)
        out: set[Value] = set()
        for expr, fq in (c.inst_attrs.get(name, ()) if c is not None else ()):
            out |= self.ev(expr, self.ctor_scope(klass, fq) if k != klass else self.func_scope(fq))
        return frozenset(out)

    def super_class(self, node: ast.Call, scope: Scope) -> str | None:
        """The package class whose `super()` this is: `super(C, self)`, or the enclosing method's class."""
        if node.args:
            found = self.ev(node.args[0], scope)
            if len(found) == 1 and isinstance(k := next(iter(found)), Klass) and k.qualname in self.p.classes:
                return k.qualname
            return None
        s: Scope | None = scope
        while s is not None:
            if s.kind == "func" and s.func is not None and s.func.klass in self.p.classes:
                return s.func.klass
            s = s.parent
        return None

    def super_attr(self, klass: str, name: str) -> frozenset[Value]:
        """`super().name` in `klass`: the first class after it in the MRO that has `name`."""
        local, external = self.mro(klass)
        for k in local[1:]:
            c = self.p.classes.get(k)
            if c is None:
                continue
            if name in c.methods:
                q = c.methods[name]
                return self.returns(q) if self.p.funcs[q].is_property else one(Func(q))
            if name in c.bindings:
                return self.eval_bindings(name, c.bindings[name], self.class_scope(k))
        out: set[Value] = set()
        for base in external:
            out |= self.ext_attr(base, name, instance=True)
        return frozenset(out) if out else one(Unknown(f"super().{name} of {klass}"))

    def ext_attr(self, qualname: str, name: str, *, instance: bool, derived: bool = False) -> frozenset[Value]:
        if derived:
            return one(Ext(f"{qualname}().{name}"))
        if instance:
            method = sdk.server_method(qualname, name)
            if method is not None:
                return method
        return one(Ext(f"{qualname}.{name}"))

    # ------------------------------------------------------------------ functions
    def returns(self, qualname: str) -> frozenset[Value]:
        cached = self._returns.get(qualname)
        if cached is not None:
            return cached
        guard = ("returns", qualname)
        if guard in self._active:
            return EMPTY
        return self._guarded(guard, self._returns, qualname, lambda: self._compute_returns(qualname))

    def returns_for_call(self, qualname: str, node: ast.Call, scope: Scope) -> frozenset[Value]:
        """What a call of a package function returns; when the context-free answer is imprecise and
        every argument is one constant or one package function, the function is evaluated again with
        its parameters bound to them (`prompt("define")` reading `prompts/define.md`,
        `generate_tool(method)` reading `method.__name__` and its docstring)."""
        base = self.returns(qualname)
        if all(isinstance(v, (Const, Func, Klass)) for v in base) and not (
                len(base) > 1 and any(isinstance(v, Klass) for v in base)):  # one of several classes: by argument
            return base
        f = self.p.funcs.get(qualname)
        if f is None or isinstance(f.node, ast.Lambda) or f.klass is not None:
            return base
        a = f.node.args
        positional = [x.arg for x in [*a.posonlyargs, *a.args]]
        named = set(positional) | {x.arg for x in a.kwonlyargs}
        overrides: dict[str, frozenset[Value]] = {}
        for i, arg in enumerate(node.args):
            if isinstance(arg, ast.Starred) or i >= len(positional):
                return base
            overrides[positional[i]] = self.ev(arg, scope)
        for kw in node.keywords:
            if kw.arg is None or kw.arg not in named:
                return base
            overrides[kw.arg] = self.ev(kw.value, scope)
        consts = {k: _specialising(v) for k, v in overrides.items()}
        if not consts:
            return base
        if any(c is NO for c in consts.values()):
            # some arguments are constants, others not: a function that chooses a class by its
            # constant argument (`tool_type = which_tool_name(name); return tool_type(**arguments)`)
            # is evaluated with the constants bound, the other parameters as they are without a call
            if not any(isinstance(v, (Instance, Klass)) for v in base):
                return base
            consts = {k: c for k, c in consts.items() if c is not NO}
            if not consts:
                return base
            overrides = {k: v for k, v in overrides.items() if k in consts}
        key = (qualname, tuple(sorted((k, type(c).__name__, repr(c)) for k, c in consts.items())))
        cached = self._specialised.get(key)
        if cached is not None:
            return cached
        guard = ("specialise", *key)
        if guard in self._active or len(self._specialised) > 4096:
            return base
        return self._guarded(guard, self._specialised, key, lambda: self._compute_returns(
            qualname, self.derive(self.func_scope(qualname), overrides)))

    def _compute_returns(self, qualname: str, scope: Scope | None = None) -> frozenset[Value]:
        f = self.p.funcs.get(qualname)
        if f is None:
            return one(UNKNOWN)
        scope = scope or self.func_scope(qualname)
        if isinstance(f.node, ast.Lambda):
            return self.ev(f.node.body, scope)
        out: set[Value] = set()
        saw_return = False
        if any(isinstance(node, (ast.Yield, ast.YieldFrom)) for node in self.p.local_nodes(f.node.body)):
            if self.context_manager(f):  # `@asynccontextmanager async def get_client(): ... yield client`
                # only the HTTP clients it yields are followed (`clients`); anything else stays unknown
                yielded = {v for node in self.p.local_nodes(f.node.body) if isinstance(node, ast.Yield)
                           and node.value is not None for v in self.ev(node.value, scope)}
                kept = frozenset(v for v in yielded if isinstance(v, ExtInst) and clients.http_client(v.qualname))
                if kept:
                    return one(Managed(kept | ({Unknown("generator")} if len(kept) < len(yielded) else set())))
            return one(Unknown("generator"))
        for node in self._live_statements(f.node.body, scope):
            if isinstance(node, ast.Return):
                saw_return = True
                out |= self.ev(node.value, scope) if node.value is not None else one(Const(None))
        if not saw_return:
            out.add(Const(None))
        if f.node.returns is not None and all(isinstance(v, Unknown) for v in out):
            # nothing known about the value: the declared return type says what it is
            # (`def get_client() -> RestApiV2Client: return Resolver.strategy().client`)
            out |= self.declared_instances(f.node.returns, self.def_scope(f))
        return frozenset(out)

    def context_manager(self, f: FuncInfo) -> bool:
        """A function made a context manager by `contextlib.contextmanager` / `asynccontextmanager`."""
        if not f.decorators:
            return False
        scope = self.def_scope(f)
        return any(isinstance(d, Ext) and d.qualname in _CONTEXT_MANAGERS
                   for dec in f.decorators for d in self.ev(dec, scope))

    def declared_instances(self, ann: ast.expr, scope: Scope) -> frozenset[Value]:
        """`annotation_instances`, also through `X | None` and `Optional[X]`."""
        if isinstance(ann, ast.Constant) and isinstance(ann.value, str):
            try:
                ann = ast.parse(ann.value, mode="eval").body
            except SyntaxError:
                return EMPTY
        if isinstance(ann, ast.BinOp) and isinstance(ann.op, ast.BitOr):
            return self.declared_instances(ann.left, scope) | self.declared_instances(ann.right, scope)
        if isinstance(ann, ast.Subscript):
            wrapper = {v.qualname.rsplit(".", 1)[-1] for v in self.ev(ann.value, scope)
                       if isinstance(v, Ext) and v.qualname.startswith(("typing.", "typing_extensions."))}
            if wrapper & {"Optional", "Union"}:  # Optional[X], Union[X, Y]: each member
                members = ann.slice.elts if isinstance(ann.slice, ast.Tuple) else [ann.slice]
                out: frozenset[Value] = EMPTY
                for member in members:
                    out |= self.declared_instances(member, scope)
                return out
            if wrapper & {"Annotated"}:  # Annotated[X, ...]: X
                first = ann.slice.elts[0] if isinstance(ann.slice, ast.Tuple) and ann.slice.elts else ann.slice
                return self.declared_instances(first, scope)
        if isinstance(ann, ast.Constant) and ann.value is None:
            return EMPTY
        return self.annotation_instances(ann, scope)

    def _live_statements(self, stmts: list[ast.stmt], scope: Scope) -> Iterable[ast.stmt]:
        """The statements of a body (nested blocks included, nested defs not), leaving out the
        branch of an `if` whose test on the bound arguments is known (`if namespace:` with
        namespace "")."""
        for st in stmts:
            if isinstance(st, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                continue
            if isinstance(st, ast.If):
                test = self._decided(st.test, scope)
                if test is not False:
                    yield from self._live_statements(st.body, scope)
                if test is not True:
                    yield from self._live_statements(st.orelse, scope)
                taken = st.body if test is True else st.orelse if test is False else None
                if taken and self._leaves(taken, scope):
                    return  # the rest of this block is not reached
                continue
            yield st
            for name in ("body", "orelse", "finalbody"):
                block = getattr(st, name, None)
                if isinstance(block, list):
                    yield from self._live_statements(block, scope)
            for handler in getattr(st, "handlers", []) or []:
                yield from self._live_statements(handler.body, scope)
            for case in getattr(st, "cases", []) or []:
                yield from self._live_statements(case.body, scope)

    def _decided(self, test: ast.expr, scope: Scope) -> bool | None:
        """The truth of an `if` test for this evaluation: only tests on arguments bound for it decide
        (a module or class constant may be reassigned at run time: `Resolver._strategy = None` set later)."""
        if not any(isinstance(n, ast.Name) and n.id in scope.overrides for n in ast.walk(test)):
            return None
        found = self.truth(test, scope)
        return self._value_truth(test, scope) if found is None else found

    def _leaves(self, stmts: list[ast.stmt], scope: Scope) -> bool:
        """Whether a block surely returns or raises: its last statement does, or is an `if` whose
        branch taken here (both, when undecided) does (`elif name == "run": return Run` in a chain)."""
        last = stmts[-1] if stmts else None
        if isinstance(last, (ast.Return, ast.Raise)):
            return True
        if not isinstance(last, ast.If):
            return False
        test = self._decided(last.test, scope)
        if test is None:
            return self._leaves(last.body, scope) and self._leaves(last.orelse, scope)
        return self._leaves(last.body if test else last.orelse, scope)

    def _value_truth(self, node: ast.expr, scope: Scope) -> bool | None:
        """`if x:` / `if not x:` where every value of `x` is a constant of one truth (used for
        what a function returns, not for pruning the call graph)."""
        negate = False
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            node, negate = node.operand, True
        if not isinstance(node, (ast.Name, ast.Attribute)):
            return None
        values = self.ev(node, scope)
        if not values or not all(isinstance(v, Const) and isinstance(v.value, (str, int, float, bool, type(None)))
                                 for v in values):
            return None
        truths = {bool(v.value) for v in values if isinstance(v, Const)}
        if len(truths) != 1:
            return None
        return truths.pop() != negate

    def decorated(self, qualname: str) -> frozenset[Value]:
        """What the name of a `def` holds: the function, plus the wrappers its decorators return."""
        cached = self._decorated.get(qualname)
        if cached is not None:
            return cached
        guard = ("decorated", qualname)
        if guard in self._active:
            return one(Func(qualname))

        def compute() -> frozenset[Value]:
            f = self.p.funcs[qualname]
            values: set[Value] = {Func(qualname)}
            if f.decorators:
                scope = self.def_scope(f)
                for dec in reversed(f.decorators):
                    for d in self.ev(dec, scope):
                        if isinstance(d, Func) and d.qualname in self.p.funcs:
                            values |= {r for r in self.returns(d.qualname) if isinstance(r, Func)}
            return frozenset(values)

        return self._guarded(guard, self._decorated, qualname, compute)

    def wrapped_here(self, qualname: str, scope: Scope) -> frozenset[Value]:
        """`@functools.wraps(fn) def wrapper(...)` defined in a scope whose names are bound (a
        decorator at one application): the package function `fn` it presents itself as (its name,
        docstring and signature are what a server lists)."""
        f = self.p.funcs.get(qualname)
        if not scope.overrides or f is None or isinstance(f.node, ast.Lambda):
            return EMPTY
        out: set[Value] = set()
        for dec in f.decorators:
            if not (isinstance(dec, ast.Call) and dec.args):
                continue
            if not any(isinstance(v, Ext) and v.qualname == "functools.wraps" for v in self.ev(dec.func, scope)):
                continue
            out |= {v for v in self.ev(dec.args[0], scope) if isinstance(v, Func) and v.qualname in self.p.funcs}
        return frozenset(out)

    def wrappers(self, qualname: str) -> list[str]:
        return sorted(v.qualname for v in self.decorated(qualname) if isinstance(v, Func) and v.qualname != qualname)

    # ------------------------------------------------------------------ expressions
    def ev(self, node: ast.AST | None, scope: Scope | None) -> frozenset[Value]:
        if node is None or scope is None:
            return one(UNKNOWN)
        key = (id(node), scope.key)
        cached = self._memo.get(key)
        if cached is not None:
            return cached
        self._ticks += 1
        if self.expired or (not self._ticks & 255 and self.out_of_time()):
            return one(Unknown("time budget"))  # not memoised: the frontend stops and reports the cut
        guard = ("ev",) + key
        active = self._active  # the guard bookkeeping of `_Guards` and `_guarded` inline (a hot path)
        levels = active.level
        met = levels.get(guard)
        if met is not None:
            if met < active.low:
                active.low = met
            return one(Unknown("recursion"))
        if self.depth > self.max_depth:
            self._cut("py_eval_depth", "a value computed through more nested calls than the budget taken as unknown", scope)
            return one(Unknown("recursion"))
        saved, active.low = active.low, _NO_CUT
        level = levels[guard] = len(levels)
        self.depth += 1
        try:
            result = self._ev(node, scope)
        finally:
            self.depth -= 1
            del levels[guard]
            met = active.low
            active.low = met if met < saved else saved
        whole = met >= level
        if len(result) > self.max_values:
            self._cut("py_value_set", f"an expression at line {getattr(node, 'lineno', '?')} with more alternatives "
                      "than the budget taken as unknown", scope)
            result = one(Unknown("too many values"))
        if not whole:
            return result
        self._memo[key] = result
        if len(self._memo) >= self.max_memo and not self.expired:
            self.expired, self.stopped_by = True, "py_memo_entries"  # memory: stop as when out of time
        return result

    def _ev(self, node: ast.AST, scope: Scope) -> frozenset[Value]:
        if isinstance(node, ast.Constant):
            return one(Const(node.value))
        if isinstance(node, ast.Name):
            return self.lookup(node.id, scope)
        if isinstance(node, ast.Attribute):
            out: set[Value] = set()
            for v in self.ev(node.value, scope):
                out |= self.attr(v, node.attr)
            return frozenset(out)
        if isinstance(node, ast.Call):
            return self.call(node, scope)
        if isinstance(node, ast.JoinedStr):
            s = self.fstring(node, scope)
            return one(Const(s)) if s is not None else one(Unknown("f-string"))
        if isinstance(node, ast.BinOp):
            return self.binop(node, scope)
        if isinstance(node, (ast.BoolOp,)):
            return self.bool_op(node, scope)
        if isinstance(node, ast.IfExp):
            test = self.truth(node.test, scope)
            if test is True:
                return self.ev(node.body, scope)
            if test is False:
                return self.ev(node.orelse, scope)
            return self.ev(node.body, scope) | self.ev(node.orelse, scope)
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            items: list[frozenset[Value]] = []
            for elt in node.elts:
                if isinstance(elt, ast.Starred):
                    sub = self.elements(self.ev(elt.value, scope), scope)
                    if sub is None:
                        items.append(one(UNKNOWN))
                    else:
                        items.extend(sub)
                else:
                    items.append(self.ev(elt, scope))
            if isinstance(node, ast.Tuple) and all(
                len(i) == 1 and isinstance(next(iter(i)), Const) for i in items
            ):
                return one(Const(tuple(next(iter(i)).value for i in items)))  # type: ignore[union-attr]
            return one(Seq(tuple(items)))
        if isinstance(node, ast.Dict):
            pairs: list[tuple[frozenset[Value], frozenset[Value]]] = []
            for key_node, value_node in zip(node.keys, node.values, strict=False):
                if key_node is None:
                    for d in self.ev(value_node, scope):
                        if isinstance(d, DictVal):
                            pairs.extend(d.items)
                else:
                    pairs.append((self.ev(key_node, scope), self.ev(value_node, scope)))
            return one(DictVal(tuple(pairs)))
        if isinstance(node, ast.Subscript):
            return self.subscript(self.ev(node.value, scope), node.slice, scope)
        if isinstance(node, ast.Lambda):
            q = self.p.lambda_names.get(id(node))
            return one(Func(q)) if q else one(UNKNOWN)
        if isinstance(node, (ast.Await, ast.NamedExpr, ast.Starred)):
            return self.ev(node.value, scope)
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp)):
            return self.comprehension(node, scope)
        if isinstance(node, ast.DictComp):
            return self.dict_comprehension(node, scope)
        return one(Unknown(type(node).__name__))

    def bool_op(self, node: ast.BoolOp, scope: Scope) -> frozenset[Value]:
        """`a or b` / `a and b`: an operand whose constants all decide the result ends it
        (`fn.__doc__ or ""` with a known docstring is that docstring)."""
        out: set[Value] = set()
        stops = isinstance(node.op, ast.Or)  # `or` stops at a true operand, `and` at a false one
        for i, operand in enumerate(node.values):
            values = self.ev(operand, scope)
            if i == len(node.values) - 1:
                out |= values
                break
            truths = {bool(v.value) if isinstance(v, Const) else None for v in values}
            if truths == {stops}:
                out |= values
                break
            if truths == {not stops}:
                continue
            out |= {v for v in values if not (isinstance(v, Const) and bool(v.value) is not stops)}
        return frozenset(out)

    def attr(self, v: Value, name: str) -> frozenset[Value]:
        if name in ("__doc__", "__name__"):
            found = self.dunder(v, name)
            if found is not None:
                return one(Const(found))
        if isinstance(v, Built):
            found_field = v.field(name)
            if found_field is not None:
                return found_field
        if name == "__doc__" and isinstance(v, Instance) and v.klass in self.p.classes:
            # an object's __doc__ is its own class's docstring (never a base class's): None when it has none
            return one(Const(ast.get_docstring(self.p.classes[v.klass].node, clean=False)))
        if isinstance(v, Module):
            if v.local:
                sub = f"{v.name}.{name}"
                sdk_name = vendored_sdk(sub)
                if sdk_name is not None:  # `from pkg import _vendor; _vendor.fastmcp.FastMCP`
                    return one(Module(sdk_name, False))
                if sub in self.p.modules or any(m.startswith(sub + ".") for m in self.p.modules):
                    return one(Module(sub, True))
                found = self.global_value(v.name, name)
                return found if found is not None else one(Unknown(f"{v.name}.{name}"))
            return one(Ext(f"{v.name}.{name}"))
        if isinstance(v, Ext):
            if v.qualname.startswith("<"):
                return one(UNKNOWN)
            return self.ext_attr(v.qualname, name, instance=False)
        if isinstance(v, Super):
            return self.super_attr(v.klass, name)
        if isinstance(v, PkgPath):
            found = self.paths.path_attr(v, name)
            if found is not None:
                return found
        if isinstance(v, PkgHandle) and name == "read":
            return one(PkgMethod(f"{v.qualname}().read", path=v.path, method="read_text"))
        if isinstance(v, ExtInst):
            return self.ext_attr(v.qualname, name, instance=True, derived=v.derived)
        if isinstance(v, Instance):
            return self.class_attr(v.klass, name, instance=True)
        if isinstance(v, Klass):
            return self.class_attr(v.qualname, name, instance=False)
        if isinstance(v, Record):
            for field_name, values in v.fields:
                if field_name == name:
                    return values
            return one(Unknown(f".{name}"))
        if isinstance(v, Const) and v.value is None:
            return EMPTY  # `None.x` raises: a path on which the value is None reads nothing (`_CACHE = None`)
        if isinstance(v, Const) and name == "value":
            return one(v)  # an Enum member stands for its value
        if isinstance(v, Const) and name == "name" and isinstance(v.value, str):
            return one(UNKNOWN)
        return one(Unknown(f".{name}"))

    def dunder(self, v: Value, name: str) -> object:
        """`f.__doc__` / `f.__name__` of a package function, class or module (the docstring as
        written, like `__doc__` before Python 3.13); None when not known statically."""
        node: ast.AST | None = None
        if isinstance(v, Func) and v.qualname in self.p.funcs:
            node = self.p.funcs[v.qualname].node
        elif isinstance(v, Klass) and v.qualname in self.p.classes:
            node = self.p.classes[v.qualname].node
        elif isinstance(v, Module) and v.local and v.name in self.p.modules and name == "__doc__":
            node = self.p.modules[v.name].tree
        if node is None or isinstance(node, ast.Lambda):
            return None
        if name == "__name__":
            return getattr(node, "name", None)
        doc = ast.get_docstring(node, clean=False)  # type: ignore[arg-type]
        return doc

    def subscript(self, values: frozenset[Value], slice_node: ast.expr, scope: Scope) -> frozenset[Value]:
        keys = self.ev(slice_node, scope)
        out: set[Value] = set()
        for v in values:
            if isinstance(v, DictVal):
                # `d[key]` with no such key written: a KeyError, or a key the program adds at run
                # time (`self._projects[name]` of a registry that starts as `{}`): not `None`
                out |= self.dict_get(v, keys, missing=Unknown("key not written in the dict"))
            elif isinstance(v, Seq):
                index = const_of(keys)
                if isinstance(index, int) and -len(v.items) <= index < len(v.items):
                    out |= v.items[index]
                else:
                    for item in v.items:
                        out |= item
            elif isinstance(v, Const) and isinstance(v.value, (tuple, str)):
                index = const_of(keys)
                try:
                    out.add(Const(v.value[index]))  # type: ignore[index,call-overload]
                except (TypeError, IndexError, KeyError):
                    out.add(UNKNOWN)
            elif isinstance(v, Built) and v.positional and (index := records.constant_index(keys)) is not None:
                out |= records.item(v, index)
            elif isinstance(v, Klass):
                out.add(Instance(v.qualname))  # Generic[...] or Enum["X"]
            elif isinstance(v, Ext) and v.qualname == "sys.modules":
                key = const_of(keys)
                out.add(self.module_value(key) if isinstance(key, str) else UNKNOWN)
            elif isinstance(v, (Ext, ExtInst)) and v.qualname.split(".", 1)[0] in _ITEM_IS_ATTRIBUTE:
                # `client["crm"]["users"]` is `client.crm.users` (a database, a collection)
                key = const_of(keys)
                out |= self.ext_attr(v.qualname, key if isinstance(key, str) and key.isidentifier() else "item",
                                     instance=isinstance(v, ExtInst), derived=isinstance(v, ExtInst) and v.derived)
            elif isinstance(v, (Ext, ExtInst)) and summary_of(v.qualname) is not None:
                out.add(ExtInst(v.qualname, derived=True))  # `client.collections[name]`: an object of that client
            elif type(v) is Ext and _generic_class(v.qualname):
                out.add(v)  # `Context[AppContext, Any]`: a library class made generic is that class
            else:
                out.add(Unknown("subscript"))
        return frozenset(out)

    def dict_get(self, d: DictVal, keys: frozenset[Value], missing: Value = _NONE_CONST) -> frozenset[Value]:
        key = const_of(keys)
        known_key = len(keys) == 1 and isinstance(next(iter(keys)), Const)
        out: set[Value] = set()
        for k, v in d.items:
            if not known_key:
                out |= v
                continue
            kc = const_of(k)
            if len(k) == 1 and isinstance(next(iter(k)), Const):
                if kc == key:
                    out |= v
            else:
                out |= v
        return frozenset(out) if out else one(missing)

    def comprehension(self, node: ast.ListComp | ast.SetComp | ast.GeneratorExp, scope: Scope) -> frozenset[Value]:
        if len(node.generators) == 1 and not node.generators[0].ifs:
            inners = self.element_scopes(node.generators[0], scope)
            if inners is not None:
                return one(Seq(tuple(self.ev(node.elt, inner) for inner in inners)))
        return one(Seq((self.ev(node.elt, scope),)))

    def element_scopes(self, gen: ast.comprehension, scope: Scope) -> list[Scope] | None:
        """One scope per element of a comprehension's iterable, its target bound to that element;
        None when the elements are not known."""
        elements = self.elements(self.ev(gen.iter, scope), scope)
        if elements is None:
            return None
        return [self.derive(scope, {name: self.project(element, path) for name, path in target_paths(gen.target)})
                for element in elements]

    def dict_comprehension(self, node: ast.DictComp, scope: Scope) -> frozenset[Value]:
        if len(node.generators) == 1 and not node.generators[0].ifs:
            inners = self.element_scopes(node.generators[0], scope)
            if inners is not None:
                return one(DictVal(tuple((self.ev(node.key, inner), self.ev(node.value, inner)) for inner in inners)))
        return one(DictVal(((self.ev(node.key, scope), self.ev(node.value, scope)),)))

    def binop(self, node: ast.BinOp, scope: Scope) -> frozenset[Value]:
        left = self.ev(node.left, scope)
        right = self.ev(node.right, scope)
        out: set[Value] = set()
        for a, b in itertools.product(left, right):
            if isinstance(a, Const) and isinstance(b, Const):
                try:
                    if isinstance(node.op, ast.Add):
                        out.add(Const(a.value + b.value))
                        continue
                    if isinstance(node.op, ast.Mod) and isinstance(a.value, str):
                        if too_wide(a.value):
                            out.add(UNKNOWN)
                            continue
                        out.add(Const(a.value % b.value))
                        continue
                    if isinstance(node.op, ast.Mult) and (
                        not isinstance(a.value, (str, bytes, tuple)) or not isinstance(b.value, (str, bytes, tuple))
                    ):
                        if isinstance(a.value, (str, bytes, tuple)) and isinstance(b.value, int) and b.value > 10_000:
                            out.add(UNKNOWN)
                            continue
                        out.add(Const(a.value * b.value))
                        continue
                except (TypeError, ValueError, KeyError, OverflowError):
                    pass
                out.add(UNKNOWN)
            elif isinstance(a, PkgPath) and isinstance(node.op, ast.Div) and isinstance(b, Const) and isinstance(b.value, str):
                joined = pkgfiles.join(a.path, b.value)
                out.add(PkgPath("pathlib.Path", path=joined) if joined is not None else ExtInst("pathlib.Path"))
            elif isinstance(a, (Ext, ExtInst)) and a.qualname.startswith("pathlib.") and isinstance(node.op, ast.Div):
                out.add(ExtInst("pathlib.Path"))
            elif isinstance(a, Seq) and isinstance(b, Seq) and isinstance(node.op, ast.Add):
                out.add(Seq(a.items + b.items))
            elif isinstance(a, Instance) and isinstance(node.op, ast.Div):
                out.add(a)
            else:
                out.add(Unknown("binop"))
        return frozenset(out)

    def fstring(self, node: ast.JoinedStr, scope: Scope) -> str | None:
        parts: list[str] = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(str(value.value))
                continue
            if not isinstance(value, ast.FormattedValue):
                return None
            c = const_of(self.ev(value.value, scope), strict=True)
            if c is NO:
                return None
            spec = ""
            if value.format_spec is not None:
                spec_s = self.fstring(value.format_spec, scope) if isinstance(value.format_spec, ast.JoinedStr) else None
                if spec_s is None:
                    return None
                spec = spec_s
            if too_wide(spec):
                return None
            try:
                if value.conversion == ord("r"):
                    c = repr(c)
                elif value.conversion == ord("s"):
                    c = str(c)
                elif value.conversion == ord("a"):
                    c = ascii(c)
                parts.append(format(c, spec))
            except (TypeError, ValueError):
                return None
        return "".join(parts)

    def truth(self, node: ast.expr, scope: Scope) -> bool | None:
        """The truth of a condition when its operands are constants, else None."""
        if isinstance(node, ast.BoolOp):
            results = [self.truth(v, scope) for v in node.values]
            if isinstance(node.op, ast.And):
                if any(r is False for r in results):
                    return False
                return True if all(r is True for r in results) else None
            if any(r is True for r in results):
                return True
            return False if all(r is False for r in results) else None
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            r = self.truth(node.operand, scope)
            return None if r is None else not r
        if isinstance(node, ast.Compare) and len(node.ops) == 1:
            left_vals = self.ev(node.left, scope)
            left = const_of(left_vals, strict=True)
            op = node.ops[0]
            right_vals = self.ev(node.comparators[0], scope)
            if left is NO:
                return self._each_compare(left_vals, op, right_vals)
            if isinstance(op, (ast.In, ast.NotIn)):
                container = self.container_keys(right_vals)
                if container is None:
                    return None
                result = left in container
                return result if isinstance(op, ast.In) else not result
            right = const_of(right_vals, strict=True)
            if right is NO:
                return None
            try:
                if isinstance(op, (ast.Eq, ast.Is)):
                    return bool(left == right)
                if isinstance(op, (ast.NotEq, ast.IsNot)):
                    return bool(left != right)
            except Exception:  # noqa: BLE001 - comparing two constants of the analysed code
                return None
            return None
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("hasattr", "callable") \
                and node.args:
            return self._attr_truth(node, scope)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "isinstance":
            return self.narrowing.isinstance_truth(node, scope)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("startswith", "endswith"):
            base = const_of(self.ev(node.func.value, scope), strict=True)
            arg = const_of(self.ev(node.args[0], scope), strict=True) if node.args else NO
            if isinstance(base, str) and isinstance(arg, (str, tuple)):
                return base.startswith(arg) if node.func.attr == "startswith" else base.endswith(arg)
            return None
        if isinstance(node, ast.Constant):
            return bool(node.value)
        if self.setting_defaults and isinstance(node, (ast.Name, ast.Attribute)):  # `if TOOL_PREFIX` at its default
            value = const_of(self.ev(node, scope), strict=True)
            return None if value is NO else bool(value)
        return None

    @staticmethod
    def _each_compare(left_vals: frozenset[Value], op: ast.cmpop, right_vals: frozenset[Value]) -> bool | None:
        """`name == "google"` where `name` is one of a few constants (`""`, or `"openai"` when a setting
        says so) and the other side one constant: decided when every one of them gives the same answer."""
        right = const_of(right_vals, strict=True)
        if right is NO or not left_vals or len(left_vals) > 8 or not isinstance(op, (ast.Eq, ast.NotEq, ast.Is, ast.IsNot)) \
                or not all(isinstance(v, Const) for v in left_vals):
            return None
        try:
            answers = {(v.value == right) if isinstance(op, (ast.Eq, ast.Is)) else (v.value != right)
                       for v in left_vals if isinstance(v, Const)}
        except Exception:  # noqa: BLE001 - comparing constants of the analysed code
            return None
        return bool(answers.pop()) if len(answers) == 1 else None

    def _attr_truth(self, node: ast.Call, scope: Scope) -> bool | None:
        """`callable(f)` / `hasattr(f, "__fastmcp__")` (fastmcp's tool marker) of package functions."""
        if self.lookup(node.func.id, scope) != one(Ext(f"builtins.{node.func.id}")):  # type: ignore[attr-defined]
            return None
        values = self.ev(node.args[0], scope)
        if not values:
            return None
        if node.func.id == "callable":  # type: ignore[attr-defined]
            if all(isinstance(v, (Func, Klass)) for v in values):
                return True
            return False if all(isinstance(v, Const) for v in values) else None
        attr = const_of(self.ev(node.args[1], scope), strict=True) if len(node.args) > 1 else NO
        if attr != "__fastmcp__":
            return None
        if all(isinstance(v, Const) for v in values):
            return False
        if not all(isinstance(v, Func) and v.qualname in self.p.funcs for v in values):
            return None
        marked = {self.tool_mark(v.qualname) is not None for v in values if isinstance(v, Func)}
        return marked.pop() if len(marked) == 1 else None

    def tool_mark(self, qualname: str) -> tuple[ast.Call | None, Scope] | None:
        """fastmcp's `@tool(...)` marker on a package function: (its call, the scope it ran in)."""
        f = self.p.funcs.get(qualname)
        if f is None or not f.decorators:
            return None
        scope = self.def_scope(f)
        for dec in f.decorators:
            for v in ordered(self.ev(dec, scope)):
                if isinstance(v, ToolDecorator) and v.flavor == "fastmcp:mark":
                    return v.call, self.scopes[v.scope_id]
                if isinstance(v, Ext) and sdk.is_tool_marker(v.qualname):
                    return None, scope
        return None

    def container_keys(self, values: frozenset[Value]) -> list[object] | None:
        out: list[object] = []
        for v in values:
            if isinstance(v, Const) and isinstance(v.value, (tuple, str, frozenset)):
                out.extend(v.value)
            elif isinstance(v, (Seq, DictVal)):
                items = [k for k, _ in v.items] if isinstance(v, DictVal) else list(v.items)
                for item in items:
                    c = const_of(item, strict=True)
                    if c is NO:
                        return None
                    out.append(c)
            else:
                return None
        return out

    # ------------------------------------------------------------------ calls
    def call(self, node: ast.Call, scope: Scope) -> frozenset[Value]:
        func = node.func
        if isinstance(func, ast.Attribute):
            base_vals = self.ev(func.value, scope)
            special = self.method_on_value(base_vals, func.attr, node, scope)
            if special is not None:
                return special
            if any(isinstance(v, Instance) for v in base_vals):
                return self.call_on_values(base_vals, func.attr, node, scope)
        out: set[Value] = set()
        for callee in self.ev(func, scope):
            out |= self.call_value(callee, node, scope)
        return frozenset(out)

    def call_on_values(self, base_vals: frozenset[Value], method: str, node: ast.Call, scope: Scope) -> frozenset[Value]:
        """`obj.method(...)` over the receivers: a method a package instance inherits runs with
        `self` bound to that instance (its subclass), the rest as any call."""
        out: set[Value] = set()
        for v in base_vals:
            if isinstance(v, Instance):
                q = self.method(v.klass, method)
                f = self.p.funcs.get(q) if q else None
                if q and f is not None and f.klass != v.klass and not (f.is_static or f.is_classmethod or f.is_property):
                    out |= self.returns_as(q, v.klass)
                    continue
            for callee in self.attr(v, method):
                out |= self.call_value(callee, node, scope)
        return frozenset(out)

    def method_on_value(
        self, base_vals: frozenset[Value], method: str, node: ast.Call, scope: Scope
    ) -> frozenset[Value] | None:
        """Methods of constants, dicts and lists the evaluator can compute (union over receivers)."""
        if not base_vals:
            return None
        if len(base_vals) > 1:
            out: set[Value] = set()
            for b in base_vals:
                r = self.method_on_value(frozenset({b}), method, node, scope)
                if r is None:
                    return None
                out |= r
            return frozenset(out)
        return library.value_method(self, next(iter(base_vals)), method, node, scope)

    def call_value(self, callee: Value, node: ast.Call, scope: Scope) -> frozenset[Value]:
        if isinstance(callee, Func):
            return self.returns_for_call(callee.qualname, node, scope)
        if isinstance(callee, PkgMethod):
            return self.paths.path_method(self, callee, node, scope)
        if isinstance(callee, Klass):
            built = records.build(self, callee.qualname, node, scope)
            return one(built if built is not None else Instance(callee.qualname))
        if isinstance(callee, Instance):
            q = self.method(callee.klass, "__call__")
            return self.returns(q) if q else one(UNKNOWN)
        if isinstance(callee, Ext):
            return self.call_ext(callee.qualname, node, scope)
        if isinstance(callee, ExtInst):
            return one(ExtInst(callee.qualname, derived=True))
        if isinstance(callee, ServerMethod):
            return sdk.call_server_method(callee, node, scope, self.listed_tools)
        if isinstance(callee, ToolDecorator):
            return self.ev(node.args[0], scope) if node.args else one(UNKNOWN)
        return one(Unknown("call"))

    def call_ext(self, q: str, node: ast.Call, scope: Scope) -> frozenset[Value]:
        """A call of an external API: package paths, then the library table, then the SDK, then
        what `library.returns_of` says such a call returns."""
        found = self.setting_default(q, node, scope) if self.setting_defaults else None
        if found is None:
            found = self.paths.path_call(self, q, node, scope)
        if found is None:
            found = datafiles.load_call(self, q, node, scope)
        if found is None:
            found = library.library_call(self, q, node, scope)
        if found is None:
            found = sdk.sdk_call(self, q, node, scope)
        return found if found is not None else library.returns_of(q)

    def getattr_values(self, obj: ast.expr, name_node: ast.expr, scope: Scope) -> frozenset[Value]:
        objs = self.ev(obj, scope)
        name = const_of(self.ev(name_node, scope), strict=True)
        out: set[Value] = set()
        if isinstance(name, str):
            for o in objs:
                out |= self.attr(o, name)
            return frozenset(out)
        prefix = _const_prefix(name_node, self, scope)
        if prefix:
            for o in objs:
                for attr_name in self.attribute_names(o):
                    if attr_name.startswith(prefix):
                        out |= self.attr(o, attr_name)
        return frozenset(out) if out else one(Unknown("getattr"))

    def attribute_names(self, v: Value) -> list[str]:
        if isinstance(v, (Instance, Klass)):
            names: list[str] = []
            for k in self.mro(v.klass if isinstance(v, Instance) else v.qualname)[0]:
                c = self.p.classes.get(k)
                if c:
                    names.extend(c.methods)
                    names.extend(c.bindings)
            return names
        if isinstance(v, Module) and v.local and v.name in self.p.modules:
            return list(self.p.modules[v.name].bindings)
        return []













def _specialising(values: frozenset[Value]) -> object:
    """The one constant (str, number, bool, None) or package function an argument holds, which a
    call is specialised on, or one list of tool objects (`prepare(TOOLS)` converting each of them:
    `[adk_to_mcp_tool_type(t) for t in tools]`); NO otherwise."""
    if len(values) == 1:
        v = next(iter(values))
        if isinstance(v, Func):
            return v
        if isinstance(v, Seq) and v.items and all(item and all(isinstance(x, ToolSpec) for x in item) for item in v.items):
            return v
    c = const_of(values, strict=True)
    return c if c is NO or isinstance(c, (str, int, float, bool, type(None))) else NO


def typed(values: Iterable[Value]) -> bool:
    """Whether a value set holds an object of a known class (of the package or a library)."""
    return any(isinstance(v, (Instance, ExtInst)) for v in values)


def _generic_class(qualname: str) -> bool:
    """A library name that reads as a class (CamelCase, not an ALL_CAPS constant)."""
    last = qualname.rsplit(".", 1)[-1]
    return last[:1].isupper() and not last.isupper() and "_" not in last


def _const_prefix(node: ast.expr, ev: Evaluator, scope: Scope) -> str:
    """The constant leading part of an f-string or concatenation (for getattr by naming convention)."""
    if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
        return str(node.values[0].value)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left = const_of(ev.ev(node.left, scope), strict=True)
        return left if isinstance(left, str) else ""
    return ""


