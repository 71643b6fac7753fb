"""Marker decorators read back by a catalog walk.

    def tool(name, **options):                       # the marker: stores its arguments on the function
        def decorate(function):
            setattr(function, _DEFINITION_ATTR, ToolDefinition(name, options))
            return function
        return decorate

    @tool("lean_build", annotations=…)
    async def lsp_build(…): …

    for function in vars(module).values():           # the walk: keeps the functions carrying the mark
        definition = getattr(function, _DEFINITION_ATTR, None)
        …
        server.tool(name, **options)(function)

The function the walk registers is not known statically, but the functions it can register are:
those decorated with a package decorator factory that sets the attribute the walk reads. Each is a
tool named and described by its marker's call (`tool("lean_build", …)`), as the registration reads
them back from the stored definition.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from mcpvet.frontends.python.scopes import Scope
from mcpvet.frontends.python.values import Const, Func, ordered

if TYPE_CHECKING:
    from mcpvet.frontends.python.index import FuncInfo
    from mcpvet.frontends.python.registrations.base import RegistrationBase


def _const_strs(base: RegistrationBase, node: ast.expr, scope: Scope) -> set[str]:
    return {v.value for v in base.ev.ev(node, scope) if isinstance(v, Const) and isinstance(v.value, str)}


def read_attributes(base: RegistrationBase, scope: Scope) -> set[str]:
    """The attribute names the registering function reads with `getattr(x, NAME, …)`."""
    f = scope.func
    if f is None or isinstance(f.node, ast.Lambda):
        return set()
    out: set[str] = set()
    for node in ast.walk(f.node):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("getattr", "hasattr")
                and len(node.args) >= 2):
            out |= _const_strs(base, node.args[1], scope)
    return out


def _sets_attribute(base: RegistrationBase, factory: FuncInfo, names: set[str]) -> bool:
    """Whether a decorator factory (or a function nested in it) sets one of `names` on its parameter:
    `setattr(function, NAME, …)` or `function.NAME = …`."""
    inner = [g for g in base.p.funcs.values() if g.parent == factory.qualname] + [factory]
    for g in inner:
        if isinstance(g.node, ast.Lambda) or not g.params:
            continue
        scope = base.ev.func_scope(g.qualname)
        for node in ast.walk(g.node):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "setattr"
                    and len(node.args) >= 2 and isinstance(node.args[0], ast.Name) and node.args[0].id in g.params
                    and _const_strs(base, node.args[1], scope) & names):
                return True
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)
                            and target.value.id in g.params and target.attr in names):
                        return True
    return False


def marked_functions(base: RegistrationBase, scope: Scope) -> list[tuple[str, ast.Call, Scope]]:
    """The package functions a catalog walk in `scope`'s function may register: (qualified name, the
    marker's call, the scope it is evaluated in), in a stable order."""
    names = read_attributes(base, scope)
    if not names:
        return []
    out: list[tuple[str, ast.Call, Scope]] = []
    markers: dict[str, bool] = {}
    for q in sorted(base.p.funcs):
        g = base.p.funcs[q]
        if not g.decorators:
            continue
        def_scope = base.ev.def_scope(g)
        for dec in g.decorators:
            if not isinstance(dec, ast.Call):
                continue
            for v in ordered(base.ev.ev(dec.func, def_scope)):
                factory = base.p.funcs.get(v.qualname) if isinstance(v, Func) else None
                if factory is None:
                    continue
                if factory.qualname not in markers:
                    markers[factory.qualname] = _sets_attribute(base, factory, names)
                if markers[factory.qualname]:
                    out.append((q, dec, def_scope))
                    break
            else:
                continue
            break
    return out
