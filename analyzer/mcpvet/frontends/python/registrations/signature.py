"""Parameters a decorator hides from the tool's signature by rewriting `__signature__`.

A decorator that injects an argument (a service client, the user's e-mail) removes it from the
signature the SDK reads (`inspect.signature` honours `__signature__`):

    def require_service(func):
        params = list(inspect.signature(func).parameters.values())
        @functools.wraps(func)
        async def wrapper(*args, **kwargs): return await func(build_service(), *args, **kwargs)
        wrapper.__signature__ = inspect.signature(func).replace(parameters=params[1:])
        return wrapper

The model never sees, and cannot choose, such a parameter: it is not in the input schema and
nothing the model sends reaches it. Read syntactically from the decorator's body: the value set
as `__signature__` is `<sig>.replace(parameters=P)` where P is a slice `params[N:]` or a
comprehension over one that leaves out constant names (`if p.name != "X"`, `not in ("X", "Y")`),
directly or through local names. Where the decorator chooses between several such values (an
`if`), only what every one of them leaves out is dropped; any other form drops nothing.
"""

from __future__ import annotations

import ast
from collections.abc import Sequence

from mcpvet.frontends.python.astwalk import local_walk


def dropped_parameters(decorator: ast.FunctionDef | ast.AsyncFunctionDef, params: Sequence[str]) -> frozenset[str]:
    """The names among PARAMS (the decorated function's parameters, in order) that DECORATOR
    leaves out of the signature it sets on its wrapper."""
    nodes = list(local_walk(decorator.body))
    assigned: dict[str, list[ast.expr]] = {}
    signatures: list[ast.expr] = []
    for n in nodes:
        if not isinstance(n, ast.Assign):
            continue
        for t in n.targets:
            if isinstance(t, ast.Name):
                assigned.setdefault(t.id, []).append(n.value)
            elif isinstance(t, ast.Attribute) and t.attr == "__signature__":
                signatures.append(n.value)
    if not signatures:
        return frozenset()
    alternatives = [d for s in signatures for d in _drops_of_signature(s, assigned, params, 0)]
    if not alternatives or any(d is None for d in alternatives):
        return frozenset()
    common = set(params)
    for d in alternatives:
        assert d is not None
        common &= d
    return frozenset(common)


def _values(node: ast.expr, assigned: dict[str, list[ast.expr]], depth: int) -> list[ast.expr]:
    """NODE, or every value assigned to it when it is a local name."""
    if isinstance(node, ast.Name) and depth < 4:
        found = assigned.get(node.id)
        if found:
            return [v for value in found for v in _values(value, assigned, depth + 1)]
    return [node]


def _drops_of_signature(node: ast.expr, assigned: dict[str, list[ast.expr]], params: Sequence[str],
                        depth: int) -> list[frozenset[str] | None]:
    out: list[frozenset[str] | None] = []
    for value in _values(node, assigned, depth):
        replaced = next((k.value for k in value.keywords if k.arg == "parameters"), None) \
            if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr == "replace" \
            else None
        if replaced is None:
            out.append(None)
            continue
        out.extend(_drops_of_list(p, assigned, params) for p in _values(replaced, assigned, depth + 1))
    return out


def _drops_of_list(node: ast.expr, assigned: dict[str, list[ast.expr]], params: Sequence[str]) -> frozenset[str] | None:
    skipped = _sliced(node)
    if skipped is not None:
        return frozenset(params[:skipped])
    if isinstance(node, ast.ListComp) and len(node.generators) == 1:
        gen = node.generators[0]
        if not (isinstance(gen.target, ast.Name) and isinstance(node.elt, ast.Name) and node.elt.id == gen.target.id):
            return None
        first = _sliced(gen.iter)
        if first is None and _all_parameters(gen.iter):
            first = 0
        if first is None:
            if not isinstance(gen.iter, ast.Name):
                return None
            # `[p for p in params if …]`, `params = list(sig.parameters.values())` (or a slice of it)
            first = next((n for n in map(_sliced, _values(gen.iter, assigned, 1)) if n is not None), 0)
        names: set[str] = set()
        for test in gen.ifs:
            left_out = _left_out(test, gen.target.id)
            if left_out is None:
                return None
            names |= left_out
        return frozenset(params[:first]) | frozenset(n for n in names if n in params)
    return None


def _all_parameters(node: ast.expr) -> bool:
    """`sig.parameters.values()` or `list(sig.parameters.values())`."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("list", "tuple") and node.args:
        node = node.args[0]
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "values" and \
        isinstance(node.func.value, ast.Attribute) and node.func.value.attr == "parameters"


def _sliced(node: ast.expr) -> int | None:
    """N of `xs[N:]` (a constant start, no end, no step)."""
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice):
        s = node.slice
        if s.upper is None and s.step is None and isinstance(s.lower, ast.Constant) and isinstance(s.lower.value, int):
            return s.lower.value
    return None


def _left_out(test: ast.expr, var: str) -> set[str] | None:
    """The constant names a comprehension test `p.name != "X"` / `p.name not in (...)` leaves out."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.left, ast.Attribute)
            and test.left.attr == "name" and isinstance(test.left.value, ast.Name) and test.left.value.id == var):
        return None
    other = test.comparators[0]
    if isinstance(test.ops[0], ast.NotEq) and isinstance(other, ast.Constant) and isinstance(other.value, str):
        return {other.value}
    if isinstance(test.ops[0], ast.NotIn) and isinstance(other, (ast.Tuple, ast.List, ast.Set)) and \
            all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in other.elts):
        return {str(e.value) for e in other.elts if isinstance(e, ast.Constant)}
    return None
