"""JSON Schema of a tool's arguments, derived from source (signatures, pydantic models, literals).

Close to what pydantic produces for the SDKs (types, defaults, required, descriptions, enums),
without titles; `Context` parameters are left out as the SDKs do.
"""

from __future__ import annotations

import ast
from typing import Any

from mcpvet.frontends.python.evaluator import Evaluator
from mcpvet.frontends.python.scopes import Scope
from mcpvet.frontends.python.values import Const, DictVal, Ext, Klass, Seq, Value, ordered

_SIMPLE: dict[str, dict[str, Any]] = {
    "str": {"type": "string"},
    "int": {"type": "integer"},
    "float": {"type": "number"},
    "bool": {"type": "boolean"},
    "bytes": {"type": "string"},
    "None": {"type": "null"},
    "NoneType": {"type": "null"},
    "dict": {"type": "object"},
    "Dict": {"type": "object"},
    "Mapping": {"type": "object"},
    "list": {"type": "array"},
    "List": {"type": "array"},
    "Sequence": {"type": "array"},
    "tuple": {"type": "array"},
    "Tuple": {"type": "array"},
    "set": {"type": "array", "uniqueItems": True},
    "Set": {"type": "array", "uniqueItems": True},
    "Any": {},
    "object": {},
    "datetime": {"type": "string", "format": "date-time"},
    "date": {"type": "string", "format": "date"},
    "Path": {"type": "string", "format": "path"},
    "UUID": {"type": "string", "format": "uuid"},
    "AnyUrl": {"type": "string", "format": "uri", "minLength": 1},
    "HttpUrl": {"type": "string", "format": "uri", "minLength": 1, "maxLength": 2083},
    "AnyHttpUrl": {"type": "string", "format": "uri", "minLength": 1},
}

# Field(...) / Annotated constraints and the JSON Schema keywords they become
_CONSTRAINT_KEYS = {
    "ge": "minimum",
    "le": "maximum",
    "gt": "exclusiveMinimum",
    "lt": "exclusiveMaximum",
    "min_length": "minLength",
    "max_length": "maxLength",
}

_CONTEXT_NAMES = ("Context", "RequestContext")


def _name_of(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Constant) and node.value is None:
        return "None"
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return ""


def is_context_param(arg: ast.arg) -> bool:
    ann = arg.annotation
    return ann is not None and any(_is_context_type(t) for t in _union_members(ann))


def _is_context_type(node: ast.expr) -> bool:
    text = ast.unparse(node)
    return any(text == n or text.startswith(n + "[") or text.endswith("." + n) or ("." + n + "[") in text for n in _CONTEXT_NAMES)


def _union_members(node: ast.expr, depth: int = 0) -> list[ast.expr]:
    """The types of an annotation that is a union (`Context | None`, `Optional[Context]`, `Union[Context, None]`,
    also as a string): the SDKs inject a parameter when one member is the Context class."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and depth < 3:
        try:
            return _union_members(ast.parse(node.value, mode="eval").body, depth + 1)
        except SyntaxError:
            return [node]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return [*_union_members(node.left, depth), *_union_members(node.right, depth)]
    if isinstance(node, ast.Subscript) and _name_of(node.value) in ("Optional", "Union"):
        inner = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        return [m for e in inner for m in _union_members(e, depth)]
    return [node]


def to_json(values: frozenset[Value], depth: int = 0) -> Any:
    """A JSON value from a constant value set (None when not fully constant)."""
    if len(values) != 1 or depth > 30:
        raise ValueError("not constant")
    v = next(iter(values))
    if isinstance(v, Const):
        if isinstance(v.value, tuple):
            return list(v.value)
        if isinstance(v.value, (str, int, float, bool)) or v.value is None:
            return v.value
        raise ValueError("not JSON")
    if isinstance(v, Seq):
        return [to_json(i, depth + 1) for i in v.items]
    if isinstance(v, DictVal):
        out: dict[str, Any] = {}
        for k, val in v.items:
            key = to_json(k, depth + 1)
            if not isinstance(key, str):
                raise ValueError("non-string key")
            out[key] = to_json(val, depth + 1)
        return out
    raise ValueError("not constant")


class SchemaBuilder:
    def __init__(self, evaluator: Evaluator) -> None:
        self.ev = evaluator
        self._models: dict[str, dict[str, Any]] = {}

    def _context_alias(self, arg: ast.arg, scope: Scope) -> bool:
        """`ctx: ToolContext` with `ToolContext = Context[AppContext, Any]` in the package: the SDK
        sees the Context class through the alias and injects the parameter."""
        ann = arg.annotation
        if not isinstance(ann, (ast.Name, ast.Attribute)):
            return False
        return any(isinstance(v, Ext) and v.qualname.rsplit(".", 1)[-1] in _CONTEXT_NAMES for v in self.ev.ev(ann, scope))

    def for_function(
        self,
        node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda,
        scope: Scope,
        skip_first: bool,
        param_docs: dict[str, str],
    ) -> dict[str, Any]:
        args = node.args
        positional = [*args.posonlyargs, *args.args]
        defaults: dict[str, ast.expr] = {}
        for a, d in zip(positional[len(positional) - len(args.defaults) :], args.defaults, strict=False):
            defaults[a.arg] = d
        for a, kd in zip(args.kwonlyargs, args.kw_defaults, strict=False):
            if kd is not None:
                defaults[a.arg] = kd
        params = positional + list(args.kwonlyargs)
        if skip_first and params:
            params = params[1:]
        props: dict[str, Any] = {}
        required: list[str] = []
        for a in params:
            if is_context_param(a) or self._context_alias(a, scope):
                continue
            prop, field_default, has_field_default = self.annotation(a.annotation, scope)
            if a.arg in defaults:
                dv = defaults[a.arg]
                fd = self._field_call(dv, scope)
                if fd is not None:
                    prop.update(fd[0])
                    if fd[1] is not _MISSING:
                        prop["default"] = fd[1]
                    else:
                        required.append(a.arg)
                else:
                    try:
                        prop["default"] = to_json(self.ev.ev(dv, scope))
                    except ValueError:
                        pass
            elif has_field_default:
                prop["default"] = field_default
            else:
                required.append(a.arg)
            if a.arg in param_docs and "description" not in prop:
                prop["description"] = param_docs[a.arg]
            props[a.arg] = prop
        schema: dict[str, Any] = {"type": "object", "properties": props}
        if required:
            schema["required"] = required
        return schema

    def annotation(self, ann: ast.expr | None, scope: Scope) -> tuple[dict[str, Any], Any, bool]:
        """(schema, default from Field(default=...), whether such a default exists)."""
        if ann is None:
            return {}, None, False
        if isinstance(ann, ast.Constant) and isinstance(ann.value, str):
            try:
                ann = ast.parse(ann.value, mode="eval").body
            except SyntaxError:
                return {}, None, False
        if isinstance(ann, ast.Subscript) and _name_of(ann.value) == "Annotated":
            elts = ann.slice.elts if isinstance(ann.slice, ast.Tuple) else [ann.slice]
            schema = self.type_schema(elts[0], scope)
            default: Any = None
            has_default = False
            for meta in elts[1:]:
                fd = self._field_call(meta, scope)
                if fd is not None:
                    schema.update(fd[0])
                    if fd[1] is not _MISSING:
                        default, has_default = fd[1], True
                elif isinstance(meta, ast.Constant) and isinstance(meta.value, str):
                    schema.setdefault("description", meta.value)
            return schema, default, has_default
        return self.type_schema(ann, scope), None, False

    def _field_call(self, node: ast.expr, scope: Scope) -> tuple[dict[str, Any], Any] | None:
        if not (isinstance(node, ast.Call) and _name_of(node.func) in ("Field", "Param", "Parameter")):
            return None
        extra: dict[str, Any] = {}
        default: Any = _MISSING
        if node.args:
            try:
                val = to_json(self.ev.ev(node.args[0], scope))
                if val is not Ellipsis:
                    default = val
            except ValueError:
                pass
        for kw in node.keywords:
            if kw.arg in ("description", "title", "ge", "le", "gt", "lt", "min_length", "max_length", "pattern", "default"):
                try:
                    value = to_json(self.ev.ev(kw.value, scope))
                except ValueError:
                    continue
                if kw.arg == "default":
                    default = value
                else:
                    key = _CONSTRAINT_KEYS.get(kw.arg, kw.arg)
                    extra[key] = value
        return extra, default

    def type_schema(self, node: ast.expr, scope: Scope, depth: int = 0) -> dict[str, Any]:
        if depth > 10:
            return {}
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
            return self._union([node.left, node.right], scope, depth)
        if isinstance(node, ast.Subscript):
            head = _name_of(node.value)
            elts = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
            if head == "Optional":
                return self._union([elts[0], ast.Constant(None)], scope, depth)
            if head == "Union":
                return self._union(elts, scope, depth)
            if head == "Literal":
                values = [e.value for e in elts if isinstance(e, ast.Constant)]
                out: dict[str, Any] = {"enum": values}
                if values and all(isinstance(v, str) for v in values):
                    out["type"] = "string"
                return out
            if head in ("list", "List", "Sequence", "set", "Set", "tuple", "Tuple", "Iterable"):
                base = dict(_SIMPLE.get(head, {"type": "array"}))
                base["items"] = self.type_schema(elts[0], scope, depth + 1)
                return base
            if head in ("dict", "Dict", "Mapping"):
                base = {"type": "object"}
                if len(elts) == 2:
                    base["additionalProperties"] = self.type_schema(elts[1], scope, depth + 1)
                return base
            if head == "Annotated":
                return self.annotation(node, scope)[0]
            return {}
        name = _name_of(node)
        if name in _SIMPLE:
            return dict(_SIMPLE[name])
        for v in ordered(self.ev.ev(node, scope)):
            if isinstance(v, Klass):
                return self.model_schema(v.qualname)
            if isinstance(v, Ext) and v.qualname.rsplit(".", 1)[-1] in _SIMPLE:
                return dict(_SIMPLE[v.qualname.rsplit(".", 1)[-1]])
        return {}

    def _union(self, elts: list[ast.expr], scope: Scope, depth: int) -> dict[str, Any]:
        return {"anyOf": [self.type_schema(e, scope, depth + 1) for e in elts]}

    def model_schema(self, klass: str) -> dict[str, Any]:
        """Schema of a package class used as a type: Enum -> enum of values, model -> object."""
        if klass in self._models:
            return self._models[klass]
        self._models[klass] = {}
        c = self.ev.p.classes.get(klass)
        if c is None:
            return {}
        _, external = self.ev.mro(klass)
        scope = self.ev.class_scope(klass)
        if any(e.rsplit(".", 1)[-1] in ("Enum", "StrEnum", "IntEnum") for e in external):
            values = []
            for bindings in c.bindings.values():
                for b in bindings:
                    if b.kind == "assign" and isinstance(b.node, ast.Constant):
                        values.append(b.node.value)
            out: dict[str, Any] = {"enum": values}
            if values and all(isinstance(v, str) for v in values):
                out["type"] = "string"
            self._models[klass] = out
            return out
        props: dict[str, Any] = {}
        required: list[str] = []
        for stmt in c.node.body:
            if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                if stmt.target.id.startswith("_") or _name_of(stmt.annotation) == "ClassVar":
                    continue
                prop, fdefault, has_fdefault = self.annotation(stmt.annotation, scope)
                if stmt.value is not None:
                    fd = self._field_call(stmt.value, scope)
                    if fd is not None:
                        prop.update(fd[0])
                        if fd[1] is not _MISSING:
                            prop["default"] = fd[1]
                        else:
                            required.append(stmt.target.id)
                    else:
                        try:
                            prop["default"] = to_json(self.ev.ev(stmt.value, scope))
                        except ValueError:
                            pass
                elif has_fdefault:
                    prop["default"] = fdefault
                else:
                    required.append(stmt.target.id)
                props[stmt.target.id] = prop
        doc = ast.get_docstring(c.node)
        out = {"type": "object", "properties": props}
        if required:
            out["required"] = required
        if doc:
            out["description"] = doc
        self._models[klass] = out
        return out


class _Missing:
    pass


_MISSING = _Missing()
