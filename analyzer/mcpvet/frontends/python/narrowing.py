"""`isinstance` tests the evaluator can decide: a dispatcher on the model a tool's arguments were
parsed into (`if isinstance(arg, ReadFiles): … elif isinstance(arg, FileWriteOrEdit): …`).

A low-level server parses each tool's arguments into its own class (`tool_type(**arguments)`, with
`tool_type` chosen by the tool's name) and hands the object to one function that tests its class.
In the call-graph node specialised for one tool, that object is one instance of one class of the
package (`graph.InstanceOf` in the node's context), so each test is known and the node keeps only
the tool's own branch, as a test on the tool's name already does.

A test is decided only when every value the tested expression can have is an instance of a class
of the package, and every class it is tested against is a class of the package or a built-in type
(a pydantic model or a plain class is never a `dict`). The values of a local name leave out its
assignments under a branch whose test is decided the other way (`if isinstance(args, dict): arg =
adapter.validate_python(args) else: arg = args`). Anything else is undecided (None), as before.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from mcpvet.frontends.python.scopes import Scope
from mcpvet.frontends.python.values import Ext, Instance, Klass, Seq, Value, one

if TYPE_CHECKING:
    from mcpvet.frontends.python.evaluator import Evaluator

_BUILTIN_TYPES = frozenset(f"builtins.{t}" for t in (
    "dict", "list", "tuple", "set", "frozenset", "str", "bytes", "bytearray", "int", "float", "bool",
    "complex", "type", "NoneType"))
# external bases whose subclasses are none of the built-in types
_PLAIN_BASES = frozenset({"pydantic.BaseModel", "pydantic.main.BaseModel", "builtins.object", "object", "abc.ABC",
                          "typing.Generic", "typing.Protocol", "builtins.Exception", "Exception"})


class Narrowing:
    """Decides `isinstance(x, C)` for one evaluator (parent links of function bodies kept)."""

    def __init__(self, ev: Evaluator) -> None:
        self.ev = ev
        self._parents: dict[int, tuple[ast.AST, dict[int, ast.AST]]] = {}

    def isinstance_truth(self, node: ast.Call, scope: Scope) -> bool | None:
        if len(node.args) != 2 or node.keywords or not isinstance(node.func, ast.Name):
            return None
        if self.ev.lookup(node.func.id, scope) != one(Ext("builtins.isinstance")):
            return None
        targets = _targets(self.ev.ev(node.args[1], scope))
        values = self.live_values(node.args[0], scope)
        if targets is None or not values:
            return None
        answers: set[bool] = set()
        for v in values:
            if not isinstance(v, Instance) or v.klass not in self.ev.p.classes:
                return None
            local, external = self.ev.mro(v.klass)
            if any(t in local for t in targets):
                answers.add(True)
            elif all(t in _BUILTIN_TYPES or t in self.ev.p.classes for t in targets) and (
                    not any(t in _BUILTIN_TYPES for t in targets) or all(b in _PLAIN_BASES for b in external)):
                answers.add(False)
            else:
                return None
        return answers.pop() if len(answers) == 1 else None

    def live_values(self, expr: ast.expr, scope: Scope) -> frozenset[Value]:
        """What `expr` holds; for a local name, without its assignments in branches decided the other way."""
        f = scope.func
        if not isinstance(expr, ast.Name) or f is None or expr.id in scope.overrides or expr.id in f.global_names:
            return self.ev.ev(expr, scope)
        bindings = f.bindings.get(expr.id)
        if not bindings or not all(b.kind in ("assign", "param") for b in bindings):
            return self.ev.ev(expr, scope)
        guard = ("narrow", scope.key, expr.id)
        if guard in self.ev._active:
            return self.ev.ev(expr, scope)
        self.ev._active.add(guard)
        try:
            out: set[Value] = set()
            for b in bindings:
                if b.kind == "param":
                    out |= self.ev.param_value(expr.id, scope)
                elif isinstance(b.node, ast.expr) and not self._dead(b.node, f.node, scope):
                    out |= self.ev.project(self.ev.ev(b.node, scope), b.path)
            return frozenset(out)
        finally:
            self.ev._active.discard(guard)

    def _dead(self, node: ast.AST, body: ast.AST, scope: Scope) -> bool:
        """Whether `node` lies in a branch of an `if` whose test is decided the other way."""
        parents = self._parent_map(body)
        child, parent = node, parents.get(id(node))
        while parent is not None and parent is not body:
            if isinstance(parent, ast.If) and child is not parent.test:
                truth = self.ev.truth(parent.test, scope)
                if (truth is False and child in parent.body) or (truth is True and child in parent.orelse):
                    return True
            child, parent = parent, parents.get(id(parent))
        return False

    def _parent_map(self, body: ast.AST) -> dict[int, ast.AST]:
        found = self._parents.get(id(body))
        if found is None or found[0] is not body:
            table: dict[int, ast.AST] = {}
            for parent in ast.walk(body):
                for child in ast.iter_child_nodes(parent):
                    table[id(child)] = parent
            found = self._parents[id(body)] = (body, table)
        return found[1]


def _targets(values: frozenset[Value]) -> set[str] | None:
    """The qualified names of the classes a value of `isinstance`'s second argument names, or None."""
    out: set[str] = set()
    for v in values:
        if isinstance(v, Klass) or (isinstance(v, Ext) and v.qualname in _BUILTIN_TYPES):
            out.add(v.qualname)
        elif isinstance(v, Seq):
            for item in v.items:
                inner = _targets(item)
                if inner is None:
                    return None
                out |= inner
        else:
            return None
    return out or None
