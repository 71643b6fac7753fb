"""What runs when a package class is built, besides `__init__`: the hooks a dataclass or a pydantic
model calls on every instance (`__post_init__`, `model_post_init`, `@field_validator("x")`,
`@model_validator`, pydantic v1's `@validator` / `@root_validator`).

`Tool(**arguments)` runs them on the tool's arguments before any handler sees the object, so what
they check or rewrite (`self.thread_id = normalize(self.thread_id)`, `if ".." in v: raise`) holds
for every later read of the field; what they do (a file read in a validator) is done by the
construction. Each hook says how its parameters are bound: to the object (`self`, or the data of a
`mode="before"` model validator) or to one field of it (a field validator's value).
"""

from __future__ import annotations

import ast
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mcpvet.frontends.python.evaluator import Evaluator

POST_INIT = ("__post_init__", "model_post_init")
_FIELD_VALIDATORS = frozenset({"field_validator", "validator"})
_MODEL_VALIDATORS = frozenset({"model_validator", "root_validator"})
_MAX_NESTING = 3
_MEMO: weakref.WeakKeyDictionary[Evaluator, dict[str, list[Hook]]] = weakref.WeakKeyDictionary()


@dataclass(frozen=True, slots=True)
class Hook:
    """One method run on construction: `param` is bound to the object when `field` is "", else to
    that field of it."""

    qualname: str
    param: str
    field: str = ""


def construction_hooks(ev: Evaluator, klass: str, depth: int = 0) -> list[Hook]:
    """The hooks a construction of `klass` (a package class) runs, base classes' included, and those
    of the package models its fields are declared as (`action_json: Command | StatusCheck`: pydantic
    builds them from the field's data), bound to that field."""
    memo = _MEMO.setdefault(ev, {})
    found = memo.get(klass)
    if found is None:
        memo[klass] = []  # a model nested in itself (through a base) ends here
        found = memo[klass] = _hooks(ev, klass, depth)
    return found


def _hooks(ev: Evaluator, klass: str, depth: int) -> list[Hook]:
    out = _own_hooks(ev, klass)
    if depth < _MAX_NESTING:
        for name, inner in _model_fields(ev, klass):
            out.extend(Hook(h.qualname, h.param, f"{name}.{h.field}" if h.field else name)
                       for k in inner for h in construction_hooks(ev, k, depth + 1))
    return out


def _model_fields(ev: Evaluator, klass: str) -> list[tuple[str, list[str]]]:
    """(field name, package classes its annotation names) of the annotated fields of `klass` and its
    package bases."""
    from mcpvet.frontends.python.values import Klass

    out: list[tuple[str, list[str]]] = []
    seen: set[str] = set()
    for k in ev.mro(klass)[0]:
        c = ev.p.classes.get(k)
        if c is None:
            continue
        scope = ev.class_scope(k)
        for stmt in c.node.body:
            if not (isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name)) or stmt.target.id in seen:
                continue
            seen.add(stmt.target.id)
            named = [n for n in ast.walk(stmt.annotation) if isinstance(n, (ast.Name, ast.Attribute))]
            classes = {v.qualname for n in named for v in ev.ev(n, scope)
                       if isinstance(v, Klass) and v.qualname in ev.p.classes and v.qualname != klass}
            if classes:
                out.append((stmt.target.id, sorted(classes)))
    return out


def _own_hooks(ev: Evaluator, klass: str) -> list[Hook]:
    out: list[Hook] = []
    for name in POST_INIT:
        q = ev.method(klass, name)
        info = ev.p.funcs.get(q) if q else None
        if q and info is not None and info.params:
            out.append(Hook(q, info.params[0]))
    seen: set[str] = set()
    for k in ev.mro(klass)[0]:
        c = ev.p.classes.get(k)
        if c is None:
            continue
        for name, q in c.methods.items():
            info = ev.p.funcs.get(q)
            if info is None or name in seen or not info.decorators:
                continue
            seen.add(name)  # an override in a subclass hides the base's method of that name
            for d in info.decorators:
                kind, fields, before = _validator(d)
                if kind == "field" and len(info.params) >= 2:
                    out.extend(Hook(q, info.params[1], f) for f in fields)
                elif kind == "model" and info.params:
                    # `mode="before"` / pre=True: (cls, data); after: (self) or (cls, values)
                    index = 1 if (before or info.is_classmethod) and len(info.params) >= 2 else 0
                    out.append(Hook(q, info.params[index]))
    return out


def _validator(d: ast.expr) -> tuple[str, tuple[str, ...], bool]:
    """("field", field names, _) for `@field_validator("a", "b")`, ("model", (), before) for a model
    validator, ("", (), False) otherwise."""
    if not isinstance(d, ast.Call):
        name = d.attr if isinstance(d, ast.Attribute) else d.id if isinstance(d, ast.Name) else ""
        return ("model", (), False) if name == "root_validator" else ("", (), False)
    func = d.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    before = any(
        (kw.arg == "mode" and isinstance(kw.value, ast.Constant) and kw.value.value in ("before", "wrap"))
        or (kw.arg == "pre" and isinstance(kw.value, ast.Constant) and kw.value.value is True)
        for kw in d.keywords)
    if name in _FIELD_VALIDATORS:
        fields = tuple(a.value for a in d.args if isinstance(a, ast.Constant) and isinstance(a.value, str) and a.value != "*")
        return "field", fields, before
    if name in _MODEL_VALIDATORS:
        return "model", (), before
    return "", (), False
