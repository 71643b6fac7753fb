"""Objects of the package's data classes, built by a call with known arguments: their fields.

A tool table is often a list of small records (`ToolDef("read_file", "Read a file.", read_file)`, a
`@dataclass`, a `typing.NamedTuple`, an attrs class or a pydantic model) registered in a loop
(`mcp.add_tool(t.handler, name=t.name, description=t.description)`, or unpacked:
`for name, description, handler in TOOLS`). Such a class has no `__init__` of the package: its
generated constructor stores each argument in the field of the same position or name, and a field
not passed holds its default. `Built` is that object: an `Instance` of the class (methods, class
attributes and everything else as before) that also knows its fields.

A class with an `__init__` of its own in the package, a call with `*args` / `**kwargs`, or a field
with a `default_factory` (unknown) keeps what it was: the class's plain `Instance`, or an unknown field.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mcpvet.frontends.python.values import Const, DictVal, Ext, Instance, Unknown, Value, one

if TYPE_CHECKING:
    from mcpvet.frontends.python.evaluator import Evaluator
    from mcpvet.frontends.python.scopes import Scope

DATACLASS_DECORATORS = frozenset({
    "dataclasses.dataclass", "attr.s", "attr.attrs", "attr.define", "attr.frozen", "attr.mutable",
    "attrs.define", "attrs.frozen", "attrs.mutable", "pydantic.dataclasses.dataclass"})
TUPLE_BASES = frozenset({"typing.NamedTuple", "typing_extensions.NamedTuple"})
MODEL_BASES = frozenset({"pydantic.BaseModel", "pydantic.main.BaseModel"})
FIELD_CALLS = frozenset({"dataclasses.field", "attr.ib", "attr.attrib", "attr.field", "attrs.field",
                         "pydantic.Field", "pydantic.fields.Field"})


@dataclass(frozen=True)
class Built(Instance):
    """An object of a data class of the package with the values of its fields (in declaration order);
    `positional` for a NamedTuple, which also unpacks and indexes like a tuple."""

    fields: tuple[tuple[str, frozenset[Value]], ...] = ()
    positional: bool = False

    def field(self, name: str) -> frozenset[Value] | None:
        for field_name, values in self.fields:
            if field_name == name:
                return values
        return None


def _kind(ev: Evaluator, klass: str) -> str | None:
    """"dataclass", "tuple" or "model" for a data class whose constructor is generated, else None."""
    local, external = ev.mro(klass)
    if any("__init__" in ev.p.classes[k].methods for k in local if k in ev.p.classes):
        return None
    if any(q in TUPLE_BASES for q in external):
        return "tuple"
    if any(q in MODEL_BASES for q in external):
        return "model"
    for k in local:
        c = ev.p.classes.get(k)
        if c is None:
            continue
        scope = ev.class_scope(k).parent
        for dec in c.node.decorator_list:
            target = dec.func if isinstance(dec, ast.Call) else dec
            if any(isinstance(v, Ext) and v.qualname in DATACLASS_DECORATORS for v in ev.ev(target, scope)):
                return "dataclass"
    return None


def _class_var(ann: ast.expr) -> bool:
    return any((isinstance(n, ast.Name) and n.id == "ClassVar") or (isinstance(n, ast.Attribute) and n.attr == "ClassVar")
               for n in ast.walk(ann))


def _fields(ev: Evaluator, klass: str) -> list[tuple[str, ast.expr | None, str]]:
    """The fields in constructor order (bases first): name, default expression, declaring class."""
    out: dict[str, tuple[ast.expr | None, str]] = {}
    for k in reversed(ev.mro(klass)[0]):
        c = ev.p.classes.get(k)
        if c is None:
            continue
        for stmt in c.node.body:
            if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and not _class_var(stmt.annotation):
                out[stmt.target.id] = (stmt.value, k)
    return [(name, default, k) for name, (default, k) in out.items()]


def _default(ev: Evaluator, expr: ast.expr | None, klass: str) -> frozenset[Value]:
    if expr is None:
        return one(Unknown("a field not passed"))
    scope = ev.class_scope(klass)
    if isinstance(expr, ast.Call) and any(isinstance(v, Ext) and v.qualname in FIELD_CALLS for v in ev.ev(expr.func, scope)):
        for kw in expr.keywords:
            if kw.arg == "default":
                return ev.ev(kw.value, scope)
        if expr.args and not isinstance(expr.args[0], ast.Starred) and not (
                isinstance(expr.args[0], ast.Constant) and expr.args[0].value is Ellipsis):
            return ev.ev(expr.args[0], scope)  # pydantic's Field(default, …)
        return one(Unknown("a field's default made by a factory"))
    return ev.ev(expr, scope)


def build(ev: Evaluator, klass: str, node: ast.Call, scope: Scope) -> Built | None:
    """The object `klass(...)` builds when it is a data class of the package (None otherwise)."""
    if klass not in ev.p.classes or any(isinstance(a, ast.Starred) for a in node.args) or any(
            kw.arg is None for kw in node.keywords):
        return None
    kind = _kind(ev, klass)
    if kind is None:
        return None
    fields = _fields(ev, klass)
    if not fields or (kind == "model" and node.args) or len(node.args) > len(fields):
        return None
    passed: dict[str, frozenset[Value]] = {}
    for (name, _d, _k), arg in zip(fields, node.args, strict=False):
        passed[name] = ev.ev(arg, scope)
    for kw in node.keywords:
        assert kw.arg is not None
        passed[kw.arg] = ev.ev(kw.value, scope)
    values = tuple((name, passed[name] if name in passed else _default(ev, default, k)) for name, default, k in fields)
    return Built(klass, fields=values, positional=kind == "tuple")


RECORD_AS_DICT = frozenset({"model_dump", "dict", "_asdict"})


def as_dict(v: Built) -> DictVal:
    """The fields of a record as a dict (pydantic's model_dump / dict, a NamedTuple's _asdict, asdict)."""
    return DictVal(tuple((one(Const(name)), values) for name, values in v.fields))


def item(v: Built, index: int) -> frozenset[Value]:
    """`record[index]` / unpacking of a NamedTuple (unknown for any other data class)."""
    if v.positional and -len(v.fields) <= index < len(v.fields):
        return v.fields[index][1]
    return one(Unknown("an item of an object"))


def constant_index(values: frozenset[Value]) -> int | None:
    if len(values) == 1:
        v = next(iter(values))
        if isinstance(v, Const) and type(v.value) is int:
            return v.value
    return None
