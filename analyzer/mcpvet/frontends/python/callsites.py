"""Where the package calls its own functions, for values that depend on the caller.

Two shapes read through it (the evaluator stays context-insensitive elsewhere):
- a module-level function that writes module globals (`global table; table[h.name] = h`): what
  the global holds is the union, over the direct calls of that function in the package, of the
  binding evaluated with the parameters bound to that call's arguments (`add_tool_handler(X())`
  fifteen times is fifteen entries, each key with its own handler);
- constructor chains: an attribute a base class's `__init__` sets from its parameter
  (`self.name = tool_name`) holds, on an instance of a subclass, what the subclass passes up with
  `super().__init__("name")` or `Base.__init__(self, "name")`.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from mcpvet.frontends.python.astwalk import local_walk
from mcpvet.frontends.python.handoffs import handed_by_name
from mcpvet.frontends.python.index import FuncInfo, Program


@dataclass
class CallIndex:
    """Calls in the package by the last part of the callee's name (`f(...)`, `mod.f(...)`, also the call
    `f(a)` that `asyncio.to_thread(f, a)` makes), and the names used other than as a callee (a function
    passed as a value has calls nobody sees)."""

    program: Program
    calls: dict[str, list[tuple[ast.Call, str, str | None]]] = field(default_factory=dict)  # name -> (call, module, func)
    referenced: set[str] = field(default_factory=set)
    built: bool = False

    def build(self) -> None:
        if self.built:
            return
        self.built = True
        p = self.program
        bodies: list[tuple[list[ast.stmt], str, str | None]] = [(m.tree.body, name, None) for name, m in p.modules.items()]
        bodies += [(f.node.body, f.module, q) for q, f in p.funcs.items() if not isinstance(f.node, ast.Lambda)]
        for body, module, func in bodies:
            callees: set[int] = set()
            for n in p.local_nodes(body):
                if isinstance(n, ast.Call):
                    callees.add(id(n.func))
                    name = _last(n.func)
                    if name:
                        self.calls.setdefault(name, []).append((n, module, func))
                    handed = handed_by_name(n)
                    if handed is not None:  # `to_thread(f, a)` calls `f(a)`: a call seen, not a value let out
                        callees.add(id(handed.func))
                        self.calls.setdefault(_last(handed.func), []).append((handed, module, func))
                elif isinstance(n, (ast.Name, ast.Attribute)) and id(n) not in callees and isinstance(n.ctx, ast.Load):
                    name = _last(n)
                    if name:
                        self.referenced.add(name)

    def named(self, name: str) -> list[tuple[ast.Call, str, str | None]]:
        self.build()
        return self.calls.get(name, [])

    def passed_as_value(self, name: str) -> bool:
        self.build()
        return name in self.referenced


def _last(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def positional_params(f: FuncInfo, skip_receiver: bool) -> list[str]:
    if isinstance(f.node, ast.Lambda):
        return []
    a = f.node.args
    names = [x.arg for x in [*a.posonlyargs, *a.args]]
    return names[1:] if skip_receiver and names else names


def super_init_call(init: FuncInfo, base: str, resolves_to_base: object) -> ast.Call | None:
    """The `super().__init__(...)` / `Base.__init__(self, ...)` call in a subclass's `__init__`
    (`resolves_to_base(expr)` tells whether `Base` names the class `base`)."""
    if isinstance(init.node, ast.Lambda):
        return None
    for n in local_walk(init.node.body):
        if not (isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "__init__"):
            continue
        owner = n.func.value
        if isinstance(owner, ast.Call) and isinstance(owner.func, ast.Name) and owner.func.id == "super":
            return n
        if callable(resolves_to_base) and resolves_to_base(owner):
            return n
    return None
