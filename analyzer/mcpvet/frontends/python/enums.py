"""The members of an Enum class of the package, in definition order, for a loop over the class.

`for t in ToolName: Tool(name=t.value, description=DESCRIPTIONS[t], …)` lists one tool per member. The
evaluator stands a member for its value (`ToolName.READ` is `"read_file"`, `.value` too), so the class
iterates as its members' values. `auto()` values, members made by the functional API, and names that
Enum does not make members (`_ignore_`, `_sunder_`, `__dunder__`, functions, descriptors) are not
members here; a member whose value is not known is unknown.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from mcpvet.frontends.python.values import Const, Value

if TYPE_CHECKING:
    from mcpvet.frontends.python.evaluator import Evaluator

ENUM_BASES = frozenset({"enum.Enum", "enum.IntEnum", "enum.StrEnum", "enum.Flag", "enum.IntFlag"})


def members(ev: Evaluator, klass: str) -> list[frozenset[Value]] | None:
    """The values of the members of KLASS when it is an Enum of the package (None otherwise)."""
    c = ev.p.classes.get(klass)
    if c is None or not any(q in ENUM_BASES for q in ev.mro(klass)[1]):
        return None
    out: list[frozenset[Value]] = []
    scope = ev.class_scope(klass)
    for stmt in c.node.body:
        if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)):
            continue
        name = stmt.targets[0].id
        if name.startswith("_") or isinstance(stmt.value, ast.Lambda):
            continue
        value = ev.ev(stmt.value, scope)
        if len(value) == 1 and isinstance(next(iter(value)), Const) and value in out:
            continue  # an alias of an earlier member: not iterated
        out.append(value)
    return out
