"""`@server.tool` / `@server.tool(...)` / `@server.list_tools()` decorators on a `def` (also through
project decorators that return the function, and with the server bound to a parameter).
"""

from __future__ import annotations

from mcpvet.frontends.python.index import FuncInfo
from mcpvet.frontends.python.registrations.base import RegistrationBase
from mcpvet.frontends.python.scopes import Scope
from mcpvet.frontends.python.values import (
    Func,
    ServerMethod,
    ToolDecorator,
    Value,
)


class DecoratorStyle(RegistrationBase):
    """Registrations made by decorators on a `def`."""

    def _decorators(self, f: FuncInfo, scope: Scope) -> None:
        """Registrations made by the decorators of one `def`, evaluated in `scope`."""
        q = f.qualname
        current: set[Value] = {Func(q)}  # what the decorators applied so far (below this one) made
        for dec in reversed(f.decorators):
            values = self.ev.ev(dec, scope)
            for v in sorted(values, key=repr):
                if isinstance(v, ToolDecorator) and v.flavor.endswith(":tool"):
                    before = len(self.out.tools)
                    self._register_fn(v.flavor.split(":")[0], frozenset(current), v.call, self.ev.scopes[v.scope_id], dec)
                    self._note_server(dec, scope, before)
                elif isinstance(v, ServerMethod) and v.method == "tool":
                    before = len(self.out.tools)
                    self._register_fn(v.flavor, frozenset(current), None, scope, dec)
                    self._note_server(dec, scope, before)
                elif isinstance(v, ToolDecorator) and v.flavor == "lowlevel:list_tools":
                    self._list_fns.append((q, dec))
                elif isinstance(v, ToolDecorator) and v.flavor == "lowlevel:call_tool":
                    self._call_fns.append(q)
                elif isinstance(v, Func) and v.qualname in self.p.funcs:
                    current |= {r for r in self.ev.returns(v.qualname) if isinstance(r, Func)}
