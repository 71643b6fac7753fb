"""The binder's half of the evaluator: scopes and the scope chain.

One `Scope` per module, function and class body (created on demand and kept in a table by id, so
that values such as `ToolDecorator` can refer to the scope they were made in), plus derived scopes
that bind some names to constant values (a loop variable per unrolled iteration, a dispatcher's
tool name, the arguments of one call). Where a name is *bound* is recorded by `index`; what it
*holds* is the evaluator's business.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import dataclass, field

from mcpvet.frontends.python.index import ClassInfo, FuncInfo, Program
from mcpvet.frontends.python.values import Value


@dataclass(eq=False)
class Scope:
    kind: str  # module, func, class
    module: str
    func: FuncInfo | None = None
    klass: ClassInfo | None = None
    parent: Scope | None = None
    overrides: dict[str, frozenset[Value]] = field(default_factory=dict)

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
        return self._register(Scope(scope.kind, scope.module, scope.func, scope.klass, scope.parent, merged))

    def bound(self, f: FuncInfo, overrides: dict[str, frozenset[Value]], parent: Scope | None = None) -> Scope:
        """A scope of `f`'s body with some names bound (its parameters at one call, say)."""
        return self._register(Scope("func", f.module, func=f, parent=parent or self.enclosing_scope(f), overrides=overrides))


def local_walk(body: Iterable[ast.AST]) -> Iterable[ast.AST]:
    """Every node of a body without entering nested functions, lambdas or classes (their
    decorators, defaults and bases are included: they run in this scope)."""
    stack = list(body)[::-1]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            stack.extend(reversed([*node.decorator_list, *node.args.defaults, *(d for d in node.args.kw_defaults if d)]))
            continue
        if isinstance(node, ast.Lambda):
            stack.extend(reversed([*node.args.defaults, *(d for d in node.args.kw_defaults if d)]))
            continue
        if isinstance(node, ast.ClassDef):
            stack.extend(reversed([*node.decorator_list, *node.bases, *(k.value for k in node.keywords)]))
            continue
        stack.extend(reversed(list(ast.iter_child_nodes(node))))
