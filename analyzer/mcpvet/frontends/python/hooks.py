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
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mcpvet.frontends.python.evaluator import Evaluator

POST_INIT = ("__post_init__", "model_post_init")
_FIELD_VALIDATORS = frozenset({"field_validator", "validator"})
_MODEL_VALIDATORS = frozenset({"model_validator", "root_validator"})


@dataclass(frozen=True, slots=True)
class Hook:
    """One method run on construction: `param` is bound to the object when `field` is "", else to
    that field of it."""

    qualname: str
    param: str
    field: str = ""


def construction_hooks(ev: Evaluator, klass: str) -> list[Hook]:
    """The hooks a construction of `klass` (a package class) runs, base classes' included."""
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
