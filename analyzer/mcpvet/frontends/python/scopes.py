"""The binder's half of the evaluator: scopes and the scope chain.

One `Scope` per module, function and class body (created on demand and kept in a table by id, so
that values such as `ToolDecorator` can refer to the scope they were made in), plus derived scopes
that bind some names to constant values (a loop variable per unrolled iteration, a dispatcher's
tool name, the arguments of one call). Where a name is *bound* is recorded by `index`; what it
*holds* is the evaluator's business.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from mcpvet.frontends.python.index import Binding, ClassInfo, FuncInfo, Program
from mcpvet.frontends.python.values import Value


@dataclass(eq=False)
class Scope:
    kind: str  # module, func, class
    module: str
    func: FuncInfo | None = None
    klass: ClassInfo | None = None
    parent: Scope | None = None
    overrides: dict[str, frozenset[Value]] = field(default_factory=dict)
    # the scope this one was derived from (same body, same parent, no overrides): a name whose
    # bindings do not depend on the overrides is looked up there, once for all derived scopes
    base: Scope | None = None

    @property
    def key(self) -> int:
        return id(self)


class Binder:
    """The scopes of one program and how they nest (class bodies are not enclosing scopes)."""

    def __init__(self, program: Program) -> None:
        self.p = program
        self.scopes: dict[int, Scope] = {}
        self._module_scopes: dict[str, Scope] = {}
        self._func_scopes: dict[str, Scope] = {}
        self._class_scopes: dict[str, Scope] = {}
        self._tainted: dict[tuple[int, frozenset[str]], frozenset[str]] = {}

    def _register(self, scope: Scope) -> Scope:
        self.scopes[scope.key] = scope
        return scope

    def module_scope(self, module: str) -> Scope:
        s = self._module_scopes.get(module)
        if s is None:
            s = self._register(Scope("module", module))
            self._module_scopes[module] = s
        return s

    def func_scope(self, qualname: str) -> Scope:
        s = self._func_scopes.get(qualname)
        if s is None:
            f = self.p.funcs[qualname]
            s = self._register(Scope("func", f.module, func=f, parent=self.enclosing_scope(f)))
            self._func_scopes[qualname] = s
        return s

    def class_scope(self, qualname: str) -> Scope:
        s = self._class_scopes.get(qualname)
        if s is None:
            c = self.p.classes[qualname]
            parent = self.func_scope(c.parent) if c.parent and c.parent in self.p.funcs else self.module_scope(c.module)
            s = self._register(Scope("class", c.module, klass=c, parent=parent))
            self._class_scopes[qualname] = s
        return s

    def enclosing_scope(self, f: FuncInfo) -> Scope:
        """The scope a function's free names are looked up in (class bodies are skipped)."""
        if f.parent and f.parent in self.p.funcs:
            return self.func_scope(f.parent)
        return self.module_scope(f.module)

    def def_scope(self, f: FuncInfo) -> Scope:
        """The scope the `def` statement (decorators, defaults) is evaluated in."""
        if f.klass and f.klass in self.p.classes:
            return self.class_scope(f.klass)
        return self.enclosing_scope(f)

    def derive(self, scope: Scope, overrides: dict[str, frozenset[Value]]) -> Scope:
        merged = dict(scope.overrides)
        merged.update(overrides)
        base = scope.base or scope
        return self._register(Scope(scope.kind, scope.module, scope.func, scope.klass, scope.parent, merged, base))

    def bound(self, f: FuncInfo, overrides: dict[str, frozenset[Value]], parent: Scope | None = None) -> Scope:
        """A scope of `f`'s body with some names bound (its parameters at one call, say)."""
        base = self.func_scope(f.qualname) if parent is None or parent is self.enclosing_scope(f) else None
        return self._register(Scope("func", f.module, func=f, parent=parent or self.enclosing_scope(f),
                                    overrides=overrides, base=base))

    def bindings_of(self, scope: Scope) -> dict[str, list[Binding]]:
        """The names bound in a scope's own body (the module's, the function's or the class's)."""
        if scope.kind == "func" and scope.func is not None:
            return scope.func.bindings
        if scope.kind == "class" and scope.klass is not None:
            return scope.klass.bindings
        m = self.p.modules.get(scope.module)
        return m.bindings if m is not None else {}

    def depends_on_overrides(self, scope: Scope, name: str) -> bool:
        """Whether what `name` holds in `scope` may differ from what it holds in `scope.base`: it is
        bound in this body by an expression that reads an overridden name, or a name of this body
        that does (transitively). Names bound elsewhere are looked up in the (shared) parent."""
        key = (scope.base.key if scope.base is not None else scope.key, frozenset(scope.overrides))
        tainted = self._tainted.get(key)
        if tainted is None:
            tainted = self._tainted[key] = self._taint(scope)
        return name in tainted

    def _taint(self, scope: Scope) -> frozenset[str]:
        bindings = self.bindings_of(scope)
        if scope.kind == "func" and scope.func is not None:
            bindings = {n: b for n, b in bindings.items() if n not in scope.func.global_names}
        reads: dict[str, set[str]] = {}
        for name, bs in bindings.items():
            names: set[str] = set()
            for b in bs:
                for n in (b.node, b.extra):
                    if isinstance(n, ast.AST):
                        names |= free_names(n)
            reads[name] = names
        tainted = set(scope.overrides)
        changed = True
        while changed:
            changed = False
            for name, names in reads.items():
                if name not in tainted and names & tainted:
                    tainted.add(name)
                    changed = True
        return frozenset(tainted)


def free_names(node: ast.AST, bound: frozenset[str] = frozenset()) -> set[str]:
    """The names an expression reads from its scope: comprehension variables and lambda parameters
    are its own (the first iterable of a comprehension is read outside it, as Python does)."""
    out: set[str] = set()
    if isinstance(node, ast.Name):
        if node.id not in bound:
            out.add(node.id)
        return out
    if isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
        inner = set(bound)
        for i, gen in enumerate(node.generators):
            out |= free_names(gen.iter, bound if i == 0 else frozenset(inner))
            inner |= {n.id for n in ast.walk(gen.target) if isinstance(n, ast.Name)}
            for cond in gen.ifs:
                out |= free_names(cond, frozenset(inner))
        parts = [node.key, node.value] if isinstance(node, ast.DictComp) else [node.elt]
        for part in parts:
            out |= free_names(part, frozenset(inner))
        return out
    if isinstance(node, ast.Lambda):
        a = node.args
        params = {x.arg for x in [*a.posonlyargs, *a.args, *a.kwonlyargs]}
        params |= {x.arg for x in (a.vararg, a.kwarg) if x is not None}
        for d in [*a.defaults, *(d for d in a.kw_defaults if d is not None)]:
            out |= free_names(d, bound)
        return out | free_names(node.body, bound | params)
    for child in ast.iter_child_nodes(node):
        out |= free_names(child, bound)
    return out
