"""Class- and function-based registration with the server passed in: handler classes built as
`Handler(mcp)` (`self.mcp.tool(...)`), and `def register(mcp): @mcp.tool() ...` called with the server.
"""

from __future__ import annotations

import ast

from mcpvet.frontends.python.astwalk import local_walk, walk
from mcpvet.frontends.python.paths import vendored_sdk
from mcpvet.frontends.python.registrations.base import STAGE, RegistrationBase, _root_name
from mcpvet.frontends.python.scopes import Scope
from mcpvet.frontends.python.sdk import server_flavor
from mcpvet.frontends.python.values import (
    Ext,
    ExtInst,
    Func,
    Klass,
    Value,
)
from mcpvet.model import AnalysisError

_DISCOVERY = frozenset({"pkgutil.iter_modules", "pkgutil.walk_packages", "importlib.import_module", "builtins.__import__"})


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
            for n in self.p.local_calls(g.node.body):
                if isinstance(n.func, ast.Attribute) and n.func.attr in ("add_tool", "tool"):
                    root = _root_name(n.func)
                    if root in g.params:
                        wanted.setdefault(g.qualname, set()).add(root)
        self._pass_through(wanted)
        wanted = {
            g: names
            for g, names in wanted.items()
            if any(not self._is_server(self.ev.lookup(n, self.ev.func_scope(g))) for n in names)
        }
        if not wanted:
            return
        self._wanted = wanted
        short: dict[str, list[str]] = {}
        for q in sorted(wanted):
            short.setdefault(q.rsplit(".", 1)[-1], []).append(q)
        self._wanted_short = short
        bound: set[str] = set()
        for body, scope in self._all_bodies():
            for n in self.p.local_calls(body):
                bound |= self._wanted_call(n, scope, 0)
        self._plugin_roots(wanted, bound)

    def _pass_through(self, wanted: dict[str, set[str]]) -> None:
        """A function handing its parameter on as the server of a registration function
        (`def register_x_tools(mcp, client): register_tool_methods(mcp, XTools(client))`) is one too."""
        changed = True
        while changed:
            changed = False
            short = {q.rsplit(".", 1)[-1]: q for q in wanted}
            for g in self.p.funcs.values():
                if isinstance(g.node, ast.Lambda) or g.qualname in wanted:
                    continue
                for n in self.p.local_calls(g.node.body):
                    callee = n.func.attr if isinstance(n.func, ast.Attribute) else \
                        n.func.id if isinstance(n.func, ast.Name) else ""
                    if callee not in short:
                        continue
                    passed = {a.id for a in [*n.args, *(k.value for k in n.keywords)] if isinstance(a, ast.Name)}
                    if passed & set(g.params):
                        wanted[g.qualname] = passed & set(g.params)
                        changed = True
                        break

    def _wanted_call(self, n: ast.Call, scope: Scope, depth: int) -> set[str]:
        """Registrations of the registration functions `n` calls with a server (the ones it reaches
        in turn too); the functions so bound."""
        callee = n.func.attr if isinstance(n.func, ast.Attribute) else n.func.id if isinstance(n.func, ast.Name) else ""
        if callee not in self._wanted_short or depth > 8:
            return set()
        bound: set[str] = set()
        callees = self.ev.ev(n.func, scope)
        for gq in self._wanted_short[callee]:
            if Func(gq) in callees:
                g = self.p.funcs[gq]
                gscope = self._server_param_call(gq, self._bind_args(g, n, scope), self._wanted[gq])
                if gscope is not None:
                    bound.add(gq)
                    if not isinstance(g.node, ast.Lambda):
                        for inner in self.p.local_calls(g.node.body):
                            bound |= self._wanted_call(inner, gscope, depth + 1)
        return bound

    def _server_param_call(self, gq: str, binds: dict[str, frozenset[Value]], names: set[str]) -> Scope | None:
        """Registrations of `gq` with its parameters bound (one call that passes it the server)."""
        g = self.p.funcs[gq]
        if not any(self._is_server(binds.get(name, frozenset())) for name in names):
            return None
        gscope = Scope("func", g.module, func=g, parent=self.ev.enclosing_scope(g), overrides=binds)
        self.ev.scopes[gscope.key] = gscope
        for f in sorted(self.p.funcs.values(), key=lambda f: f.qualname):
            if f.parent == gq and f.decorators:
                self._decorators(f, gscope)
        if not isinstance(g.node, ast.Lambda):
            self._scan(g.node.body, gscope)
        return gscope

    def _plugin_roots(self, wanted: dict[str, set[str]], bound: set[str]) -> None:
        """Plugin discovery (`pkgutil.iter_modules` / `importlib.import_module` over the package's own
        modules, then `register_*(mcp, ...)` looked up by name): a registration function the package
        never calls by name is taken as called with the package's server(s), and what it calls in
        turn follows. Without such a discovery, or without a server, it is named in errors[]."""
        roots = sorted(q for q in wanted if q not in bound and self.p.funcs[q].klass is None
                       and vendored_sdk(self.p.funcs[q].module) is None and self._registers_on(q, wanted)
                       and not self._called_by_name(q))
        if not roots or self.ev.out_of_time():
            return  # out of time: the frontend_seconds cut names what was not searched
        servers = self._package_servers() if self._discovers_plugins() else frozenset()
        for gq in roots:
            g = self.p.funcs[gq]
            if not servers:
                self.out.errors.append(AnalysisError(
                    STAGE, f"{g.name}() at line {g.line} registers tools on its parameter "
                           f"{', '.join(sorted(wanted[gq]))}, but no call of it passes a server that could be resolved: "
                           "its tools are not listed", g.path))
                continue
            binds = dict.fromkeys(wanted[gq], servers)
            gscope = self._server_param_call(gq, binds, wanted[gq])
            if gscope is not None and not isinstance(g.node, ast.Lambda):
                for inner in self.p.local_calls(g.node.body):
                    self._wanted_call(inner, gscope, 1)

    def _registers_on(self, q: str, wanted: dict[str, set[str]]) -> bool:
        """Whether `q` registers tools on its server parameter itself (`@mcp.tool`, `mcp.tool(...)`,
        `mcp.add_tool(...)`) or hands it to another registration function."""
        g = self.p.funcs[q]
        names = wanted[q]
        nodes: list[ast.AST] = [d for f in self.p.funcs.values() if f.parent == q for d in f.decorators]
        if not isinstance(g.node, ast.Lambda):
            nodes += list(local_walk(g.node.body))
        short = {w.rsplit(".", 1)[-1] for w in wanted if w != q}
        for n in nodes:
            for sub in ast.walk(n):
                if isinstance(sub, ast.Attribute) and sub.attr in ("tool", "add_tool") and _root_name(sub) in names:
                    return True
                if isinstance(sub, ast.Call) and isinstance(sub.func, (ast.Name, ast.Attribute)) and (
                        sub.func.id if isinstance(sub.func, ast.Name) else sub.func.attr) in short and any(
                        isinstance(a, ast.Name) and a.id in names for a in sub.args):
                    return True
        return False

    def _called_by_name(self, q: str) -> bool:
        for call, module, caller in self.ev.call_index.named(q.rsplit(".", 1)[-1]):
            at = self.ev.func_scope(caller) if caller else self.ev.module_scope(module)
            if Func(q) in self.ev.ev(call.func, at):
                return True
        return False

    def _discovers_plugins(self) -> bool:
        for name in ("iter_modules", "import_module", "__import__", "walk_packages"):
            for call, module, caller in self.ev.call_index.named(name):
                at = self.ev.func_scope(caller) if caller else self.ev.module_scope(module)
                if any(isinstance(v, Ext) and v.qualname in _DISCOVERY for v in self.ev.ev(call.func, at)):
                    return True
        return False

    def _package_servers(self) -> frozenset[Value]:
        found: set[Value] = set()
        for name in ("FastMCP", "MCPServer"):
            for call, module, caller in self.ev.call_index.named(name):
                at = self.ev.func_scope(caller) if caller else self.ev.module_scope(module)
                found |= {ExtInst(v.qualname) for v in self.ev.ev(call.func, at)
                          if isinstance(v, Ext) and server_flavor(v.qualname) in ("mcp", "fastmcp")}
        return frozenset(found)

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
                for n in walk(self.p.funcs[mq].node):
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
            for n in self.p.local_calls(body):
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
