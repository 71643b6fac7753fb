"""Registration calls: `server.add_tool(fn, ...)`, `server.add_tool(Tool.from_function(fn, ...))`,
`server.tool(fn)`, `server.tool(...)(fn)`, `server.list_tools()(handler)` and mcp 2.x
`Server(name, on_list_tools=..., on_call_tool=...)`.
"""

from __future__ import annotations

import ast

from mcpvet.frontends.python.registrations.base import RegistrationBase, _kw
from mcpvet.frontends.python.scopes import Scope
from mcpvet.frontends.python.sdk import server_flavor
from mcpvet.frontends.python.values import (
    Ext,
    Func,
    ServerMethod,
    ToolDecorator,
    ToolSpec,
)


class CallStyle(RegistrationBase):
    """Registrations made by calls of the server's registration methods."""

    @staticmethod
    def _maybe_registration(call: ast.Call) -> bool:
        f = call.func
        if any(k.arg in ("on_list_tools", "on_call_tool") for k in call.keywords):
            return True
        if isinstance(f, ast.Attribute):
            return f.attr in ("add_tool", "tool")
        return isinstance(f, (ast.Call, ast.Name)) and bool(call.args or call.keywords)

    def _registration_call(self, call: ast.Call, scope: Scope) -> None:
        for v in sorted(self.ev.ev(call.func, scope), key=repr):
            if isinstance(v, Ext) and server_flavor(v.qualname) == "lowlevel":
                # mcp 2.x: Server(name, on_list_tools=..., on_call_tool=...)
                for kw in call.keywords:
                    if kw.arg in ("on_list_tools", "on_call_tool"):
                        for f in self.ev.ev(kw.value, scope):
                            if isinstance(f, Func) and f.qualname in self.p.funcs:
                                target = self._list_fns if kw.arg == "on_list_tools" else self._call_fns
                                target.append((f.qualname, kw.value) if kw.arg == "on_list_tools" else f.qualname)  # type: ignore[arg-type]
                continue
            if isinstance(v, ServerMethod) and v.method == "add_tool" and (call.args or _kw(call, "fn")):
                fn_node = call.args[0] if call.args else _kw(call, "fn")
                assert fn_node is not None
                fn_vals = self.ev.ev(fn_node, scope)
                specs = [s for s in fn_vals if isinstance(s, ToolSpec) and s.from_function]
                for spec in specs:
                    spec_scope = self.ev.scopes[spec.scope_id]
                    inner = spec.call.args[0] if spec.call.args else _kw(spec.call, "fn")
                    if inner is not None:
                        inner_vals = self.ev.ev(inner, spec_scope)
                        self._register_fn(v.flavor, inner_vals, spec.call, spec_scope, call, positional_name=False)
                if not specs:
                    before = len(self.out.tools)
                    self._register_fn(v.flavor, fn_vals, call, scope, call, positional_name=False, fn_node=fn_node)
                    self._note_server(call.func, scope, before)
            elif isinstance(v, ServerMethod) and v.method == "tool" and call.args:
                fn_vals = self.ev.ev(call.args[0], scope)
                # `server.tool(func, name=name)` inside a decorator (factory): registered where it is applied
                if any(isinstance(f, Func) for f in fn_vals) or self._uses_open_param(call.args[0], scope):
                    self._register_fn(v.flavor, fn_vals, call, scope, call, positional_name=False, fn_node=call.args[0])
            elif isinstance(v, ToolDecorator) and v.flavor in ("lowlevel:list_tools", "lowlevel:call_tool") and call.args:
                # server.list_tools()(handler) / server.call_tool()(handler)
                for fv in self.ev.ev(call.args[0], scope):
                    if isinstance(fv, Func) and fv.qualname in self.p.funcs:
                        if v.flavor == "lowlevel:list_tools":
                            self._list_fns.append((fv.qualname, call))
                        else:
                            self._call_fns.append(fv.qualname)
            elif isinstance(v, ToolDecorator) and v.flavor.endswith(":tool") and call.args:
                fn_vals = self.ev.ev(call.args[0], scope)
                self._register_fn(v.flavor.split(":")[0], fn_vals, v.call, self.ev.scopes[v.scope_id], call,
                                  fn_node=call.args[0], fn_scope=scope)
