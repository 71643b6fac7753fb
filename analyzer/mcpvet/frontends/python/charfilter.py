"""Character filters: a text rebuilt from the characters of another that pass a test.

`"".join(c for c in name if c.isalnum() or c in "_-.")` (also a list comprehension, or
`filter(str.isalnum, name)` / `filter(lambda c: …, name)` joined) keeps only the characters the
test lets through, so the result's alphabet is known; `alphabet.alphabet_roles` says in which sink
roles such a value is harmless. The tests read on the character: `c.isalnum()`, `c.isalpha()`,
`c.isdigit()` (and `isdecimal`, `isnumeric`), `c in CONSTANT` (a text or a collection of
one-character texts), `c == "x"`, combined with `or` (union) and `and` (intersection); anything
else on the character (`not`, `c.isprintable()`) is not read, and the filter restricts nothing.
"""

from __future__ import annotations

import ast
import string
from collections.abc import Callable

_LETTERS = frozenset(string.ascii_letters)
_DIGITS = frozenset(string.digits)
_CLASSES = {
    "isalnum": _LETTERS | _DIGITS,
    "isalpha": _LETTERS,
    "isdigit": _DIGITS,
    "isdecimal": _DIGITS,
    "isnumeric": _DIGITS,
    "islower": frozenset(string.ascii_lowercase),
    "isupper": frozenset(string.ascii_uppercase),
}
Constant = Callable[[ast.expr], object]  # the constant value of an expression, or None


def filtered(call: ast.Call, constant: Constant) -> tuple[ast.expr, frozenset[str]] | None:
    """For `SEP.join(<filter of X>)` with SEP a constant text: X and the characters the result can
    hold (those of SEP and those the test lets through); None when CALL is no such filter."""
    func = call.func
    if not (isinstance(func, ast.Attribute) and func.attr == "join" and len(call.args) == 1 and not call.keywords):
        return None
    sep = constant(func.value)
    if not isinstance(sep, str):
        return None
    found = _filter(call.args[0], constant)
    if found is None:
        return None
    source, chars = found
    return source, chars | frozenset(sep)


def _filter(node: ast.expr, constant: Constant) -> tuple[ast.expr, frozenset[str]] | None:
    if isinstance(node, ast.GeneratorExp | ast.ListComp) and len(node.generators) == 1:
        gen = node.generators[0]
        if not (isinstance(gen.target, ast.Name) and isinstance(node.elt, ast.Name)
                and node.elt.id == gen.target.id and gen.ifs and not gen.is_async):
            return None
        chars: frozenset[str] | None = None
        for test in gen.ifs:  # several `if`s: every one holds
            one = _allowed(test, gen.target.id, constant)
            if one is not None:
                chars = one if chars is None else chars & one
        return (gen.iter, chars) if chars is not None else None
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "filter" \
            and len(node.args) == 2 and not node.keywords:
        test, source = node.args
        if isinstance(test, ast.Attribute) and isinstance(test.value, ast.Name) and test.value.id == "str" \
                and test.attr in _CLASSES:
            return source, _CLASSES[test.attr]
        if isinstance(test, ast.Lambda) and len(test.args.args) == 1 and not test.args.vararg:
            allowed = _allowed(test.body, test.args.args[0].arg, constant)
            return (source, allowed) if allowed is not None else None
    return None


def _allowed(test: ast.expr, var: str, constant: Constant) -> frozenset[str] | None:
    """The characters TEST on the character VAR lets through (None: not read, any character)."""
    if isinstance(test, ast.BoolOp):
        parts = [_allowed(v, var, constant) for v in test.values]
        if isinstance(test.op, ast.Or):
            if any(p is None for p in parts):
                return None
            return frozenset().union(*(p for p in parts if p is not None))
        known = [p for p in parts if p is not None]
        return frozenset.intersection(*known) if known else None
    if isinstance(test, ast.Call) and isinstance(test.func, ast.Attribute) and not test.args \
            and isinstance(test.func.value, ast.Name) and test.func.value.id == var:
        return _CLASSES.get(test.func.attr)
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.left, ast.Name) \
            and test.left.id == var:
        value = constant(test.comparators[0])
        if isinstance(test.ops[0], ast.In):
            if isinstance(value, str):
                return frozenset(value)
            if isinstance(value, tuple | frozenset | list | set) and all(isinstance(v, str) and len(v) == 1 for v in value):
                return frozenset(str(v) for v in value)
        if isinstance(test.ops[0], ast.Eq) and isinstance(value, str) and len(value) == 1:
            return frozenset(value)
    return None
