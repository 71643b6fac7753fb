"""Registrations inside project helpers: decorator factories (`@register("name")`, methods of a
registry object), plain registration helpers (`add_tool_helper(mcp, fn)`), applied where used.
"""

from __future__ import annotations

import ast

from mcpvet.frontends.python.registrations.base import STAGE, RegistrationBase
from mcpvet.frontends.python.scopes import Scope
from mcpvet.frontends.python.values import (
    Func,
    ordered,
)
from mcpvet.model import AnalysisError


class FactoryStyle(RegistrationBase):
    """Registrations inside decorator factories and registration helpers, applied where used."""

    def _apply_wrappers(self) -> None:
        """Registrations inside decorators: `@register("name", "desc")` where `register` returns a
        decorator that calls `server.add_tool(fn, name=..., description=...)`. Each application binds
        the decorator's parameter to the decorated function (and a factory's parameters to the
        factory call's arguments) and registers again in that binding."""
        if not self._wrappers:
            return
        applied: set[str] = set()
        for q in sorted(self.p.funcs):
            g = self.p.funcs[q]
            if not g.decorators:
                continue
            scope = self.ev.def_scope(g)
            for dec in g.decorators:
                for wrapper, factory_scope in self._wrapper_targets(dec, scope):
                    w = self.p.funcs[wrapper]
                    parent = factory_scope or self.ev.enclosing_scope(w)
                    bound = Scope("func", w.module, func=w, parent=parent, overrides={w.params[0]: frozenset({Func(q)})})
                    self.ev.scopes[bound.key] = bound
                    if not isinstance(w.node, ast.Lambda):
                        self._scan(w.node.body, bound)
                    applied.add(wrapper)
        for body, scope in self._all_bodies():
            self._scan_helper_calls(body, scope, applied)
        for wrapper, (path, line) in sorted(self._wrappers.items()):
            if wrapper not in applied and not self._in_registration_override(wrapper):
                self.out.errors.append(
                    AnalysisError(STAGE, f"tool registered at line {line} with a function that could not be resolved", path)
                )

    def _apply_parametric(self) -> None:
        """Tool factories: a function registering a tool named by its parameters, registered again
        at each call of it in the package (in loops over tables too, unrolled), its parameters bound
        to the call's arguments. A factory no call binds leaves an errors[] entry."""
        if not self._parametric:
            return
        factories = dict(self._parametric)
        short = {q.rsplit(".", 1)[-1] for q in factories}
        bound: set[str] = set()

        def on_call(call: ast.Call, at: Scope) -> None:
            name = call.func.attr if isinstance(call.func, ast.Attribute) else call.func.id \
                if isinstance(call.func, ast.Name) else ""
            if name not in short:
                return
            for v in ordered(self.ev.ev(call.func, at)):
                if not (isinstance(v, Func) and v.qualname in factories) or (at.func and at.func.qualname == v.qualname):
                    continue
                g = self.p.funcs[v.qualname]
                binds = self._bind_args(g, call, at)
                gscope = Scope("func", g.module, func=g, parent=self.ev.enclosing_scope(g), overrides=binds)
                self.ev.scopes[gscope.key] = gscope
                for f in sorted(self.p.funcs.values(), key=lambda f: f.qualname):
                    if f.parent == g.qualname and f.decorators:
                        self._decorators(f, gscope)
                if not isinstance(g.node, ast.Lambda):
                    self._scan(g.node.body, gscope)
                bound.add(v.qualname)

        for body, scope in self._all_bodies():
            if self.ev.out_of_time():
                break
            self._walk_calls(body, scope, on_call)
        for q, (path, line) in sorted(factories.items()):
            if q not in bound:
                self.out.errors.append(AnalysisError(
                    STAGE, f"tool name at line {line} comes from the parameters of {q.rsplit('.', 1)[-1]}(), "
                           "and no call of it with known arguments was found", path))

    def _scan_helper_calls(self, stmts: list[ast.stmt], scope: Scope, applied: set[str]) -> None:
        """Plain calls of a registration helper (`def add_read_only_tool(mcp, tool):
        mcp.add_tool(tool, ...)` called as `add_read_only_tool(mcp, fn)`, in loops over tables too):
        the helper's registrations again, its parameters bound to the call's arguments."""

        def on_call(call: ast.Call, at: Scope) -> None:
            if isinstance(call.func, (ast.Name, ast.Attribute)):
                self._helper_call(call, at, applied)

        self._walk_calls(stmts, scope, on_call)

    def _helper_call(self, call: ast.Call, scope: Scope, applied: set[str]) -> None:
        if isinstance(call.func, ast.Attribute):
            callee = call.func.attr
        elif isinstance(call.func, ast.Name):
            callee = call.func.id
        else:
            callee = ""
        if not any(q.rsplit(".", 1)[-1] == callee for q in self._wrappers):
            return
        for v in sorted(self.ev.ev(call.func, scope), key=repr):
            if not (isinstance(v, Func) and v.qualname in self._wrappers):
                continue
            g = self.p.funcs[v.qualname]
            if isinstance(g.node, ast.Lambda) or (scope.func is not None and scope.func.qualname == g.qualname):
                continue
            binds = self._bind_args(g, call, scope)
            if not any(isinstance(x, Func) for vals in binds.values() for x in vals):
                continue  # not given a function: a decorator factory's own call, handled elsewhere
            bound = Scope("func", g.module, func=g, parent=self.ev.enclosing_scope(g), overrides=binds)
            self.ev.scopes[bound.key] = bound
            self._scan(g.node.body, bound)
            applied.add(g.qualname)

    def _in_registration_override(self, qualname: str) -> bool:
        """Inside a server subclass's own `tool`/`add_tool` override (`def tool(self, fn): return
        super().tool(wrap(fn))`): the tools it registers are the ones found at its call sites."""
        f = self.p.funcs.get(qualname)
        while f is not None:
            if f.klass and f.name in ("tool", "add_tool"):
                return True
            f = self.p.funcs.get(f.parent) if f.parent else None
        return False

    def _wrapper_targets(self, dec: ast.expr, scope: Scope) -> list[tuple[str, Scope | None]]:
        out: list[tuple[str, Scope | None]] = []
        if not isinstance(dec, ast.Call):
            for v in self.ev.ev(dec, scope):
                if isinstance(v, Func) and v.qualname in self._wrappers:
                    out.append((v.qualname, None))
        else:
            for v in ordered(self.ev.ev(dec.func, scope)):
                if not (isinstance(v, Func) and v.qualname in self.p.funcs):
                    continue
                factory = self.p.funcs[v.qualname]
                for r in ordered(self.ev.returns(v.qualname)):
                    if isinstance(r, Func) and r.qualname in self._wrappers:
                        binds = self._bind_args(factory, dec, scope)
                        parent = self.ev.enclosing_scope(factory)
                        fscope = Scope("func", factory.module, func=factory, parent=parent, overrides=binds)
                        self.ev.scopes[fscope.key] = fscope
                        out.append((r.qualname, fscope))
        return out
