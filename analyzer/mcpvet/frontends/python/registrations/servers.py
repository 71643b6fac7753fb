"""Class- and function-based registration with the server passed in: handler classes built as
`Handler(mcp)` (`self.mcp.tool(...)`), and `def register(mcp): @mcp.tool() ...` called with the server.
"""

from __future__ import annotations

import ast

from mcpvet.frontends.python.registrations.base import RegistrationBase, _root_name
from mcpvet.frontends.python.scopes import Scope, local_walk
from mcpvet.frontends.python.values import (
    Func,
    Klass,
    Value,
)


class ServerParamStyle(RegistrationBase):
    """Registrations on a server passed to a handler class or a registration function."""

    def _apply_server_params(self) -> None:
        """`def register(mcp): @mcp.tool() ...` with an unannotated parameter: bind the parameter to
        the server passed at each call of `register` and look at the registrations again."""
        wanted: dict[str, set[str]] = {}
        for f in self.p.funcs.values():
            if f.parent and f.decorators and f.parent in self.p.funcs:
                g = self.p.funcs[f.parent]
                for dec in f.decorators:
                    root = _root_name(dec)
                    if root in g.params:
                        wanted.setdefault(g.qualname, set()).add(root)
        for g in self.p.funcs.values():
            if isinstance(g.node, ast.Lambda):
                continue
            for n in local_walk(g.node.body):
                if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in ("add_tool", "tool"):
                    root = _root_name(n.func)
                    if root in g.params:
                        wanted.setdefault(g.qualname, set()).add(root)
        wanted = {
            g: names
            for g, names in wanted.items()
            if any(not self._is_server(self.ev.lookup(n, self.ev.func_scope(g))) for n in names)
        }
        if not wanted:
            return
        short: dict[str, list[str]] = {}
        for q in sorted(wanted):
            short.setdefault(q.rsplit(".", 1)[-1], []).append(q)
        for body, scope in self._all_bodies():
            for n in local_walk(body):
                if not isinstance(n, ast.Call):
                    continue
                callee = n.func.attr if isinstance(n.func, ast.Attribute) else n.func.id if isinstance(n.func, ast.Name) else ""
                if callee not in short:
                    continue
                callees = self.ev.ev(n.func, scope)
                for gq in short[callee]:
                    if Func(gq) in callees:
                        self._server_param_call(gq, n, scope, wanted[gq])

    def _server_param_call(self, gq: str, n: ast.Call, scope: Scope, names: set[str]) -> None:
        """Registrations of `gq` at one call `n` that passes it the server."""
        g = self.p.funcs[gq]
        binds = self._bind_args(g, n, scope)
        if not any(self._is_server(binds.get(name, frozenset())) for name in names):
            return
        gscope = Scope("func", g.module, func=g, parent=self.ev.enclosing_scope(g), overrides=binds)
        self.ev.scopes[gscope.key] = gscope
        for f in sorted(self.p.funcs.values(), key=lambda f: f.qualname):
            if f.parent == gq and f.decorators:
                self._decorators(f, gscope)
        if not isinstance(g.node, ast.Lambda):
            self._scan(g.node.body, gscope)

    def _constructor_servers(self) -> None:
        """`class Handler: def __init__(self, mcp): self.mcp = mcp; self.mcp.tool(...)(self.m)`
        built as `Handler(server)`: the parameter holds the servers passed where the class is
        instantiated, so that `self.mcp` in any method is that server."""
        wanted: dict[tuple[str, str], str] = {}  # (__init__, param) -> class
        for cq, c in sorted(self.p.classes.items()):
            init_q = c.methods.get("__init__")
            if init_q is None or isinstance(self.p.funcs[init_q].node, ast.Lambda):
                continue
            init = self.p.funcs[init_q]
            params = init.params[1:]
            registered: set[str] = set()
            for mq in c.methods.values():
                for n in ast.walk(self.p.funcs[mq].node):
                    if isinstance(n, ast.Attribute) and n.attr in ("tool", "add_tool") \
                            and isinstance(n.value, ast.Attribute) and isinstance(n.value.value, ast.Name) \
                            and n.value.value.id == "self":
                        registered.add(n.value.attr)
            for attr in sorted(registered):
                for expr, fq in c.inst_attrs.get(attr, []):
                    if fq == init_q and isinstance(expr, ast.Name) and expr.id in params:
                        wanted[(init_q, expr.id)] = cq
        if not wanted:
            return
        classes = {cq.rsplit(".", 1)[-1]: cq for cq in wanted.values()}
        found: dict[tuple[str, str], set[Value]] = {}
        for body, scope in self._all_bodies():
            for n in local_walk(body):
                if not isinstance(n, ast.Call):
                    continue
                callee = n.func.attr if isinstance(n.func, ast.Attribute) else n.func.id if isinstance(n.func, ast.Name) else ""
                target = classes.get(callee)
                if target is None or Klass(target) not in self.ev.ev(n.func, scope):
                    continue
                init = self.p.funcs[self.p.classes[target].methods["__init__"]]
                binds = self._bind_args(init, n, scope, receiver=True)
                for (iq, param), _ in wanted.items():
                    if iq == init.qualname and self._is_server(binds.get(param, frozenset())):
                        found.setdefault((iq, param), set()).update(binds[param])
        for key, values in sorted(found.items()):
            self.ev.call_site_params[key] = frozenset(values)
        if found:
            self.ev.forget()
