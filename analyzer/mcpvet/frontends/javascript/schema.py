"""Input schemas from zod chains, raw zod shapes and plain JSON Schema object literals."""

from __future__ import annotations

from typing import Any

from mcpvet.frontends.javascript.facts import IR
from mcpvet.frontends.javascript.ir import (
    KV,
    Arr,
    ArrV,
    Bool,
    Call,
    Ext,
    Id,
    Mem,
    Null,
    Num,
    Obj,
    ObjV,
    Spread,
    Str,
    Undef,
    Unk,
    Value,
)
from mcpvet.frontends.javascript.program import EMPTY, ZOD_MODULES, Env, Program

_TO_JSON = ("zodToJsonSchema", "toJSONSchema", "toJsonSchema", "zodToJSONSchema", "zodToJson")
_SIMPLE_TYPES: dict[str, dict[str, Any]] = {
    "string": {"type": "string"},
    "number": {"type": "number"},
    "bigint": {"type": "integer"},
    "boolean": {"type": "boolean"},
    "date": {"type": "string", "format": "date-time"},
    "any": {},
    "unknown": {},
    "null": {"type": "null"},
    "undefined": {},
    "void": {},
    "never": {"not": {}},
    "int": {"type": "integer"},
    "email": {"type": "string", "format": "email"},
    "url": {"type": "string", "format": "uri"},
    "uuid": {"type": "string", "format": "uuid"},
}
_FORMATS = {"email": "email", "url": "uri", "uuid": "uuid", "datetime": "date-time", "date": "date", "ipv4": "ipv4"}
MAX_DEPTH = 24
# the keywords a JSON Schema object may carry at its top (draft 4 to 2020-12, and OpenAPI's `nullable`)
_SCHEMA_KEYWORDS = frozenset({
    "type", "properties", "required", "additionalProperties", "patternProperties", "propertyNames",
    "items", "prefixItems", "enum", "const", "anyOf", "oneOf", "allOf", "not", "if", "then", "else",
    "$ref", "$schema", "$id", "$defs", "definitions", "description", "title", "default", "examples",
    "minProperties", "maxProperties", "dependentRequired", "dependentSchemas", "unevaluatedProperties",
    "nullable", "format", "$comment",
})


class SchemaReader:
    def __init__(self, program: Program) -> None:
        self.p = program
        # values evaluated for an input schema that are no JSON Schema (a half-evaluated converter's
        # working object): (tool, the keys it has), left unknown rather than reported as the schema
        self.not_schemas: list[tuple[str | None, list[str]]] = []

    # -- entry points -------------------------------------------------------------------------
    def input_schema(self, ir: IR, env: Env) -> dict[str, Any] | None:
        """Schema from what a registration passes: raw shape, zod object, zodToJsonSchema(...), JSON Schema."""
        raw, renv = self.p.raw(ir, env)
        if isinstance(raw, Mem) and raw.prop == "shape":  # `SomeZodObject.shape` passed as a raw shape
            inner, ienv = self.p.raw(raw.obj, renv)
            if self.is_zod(inner, ienv):
                schema, _ = self.zod(inner, ienv, 0)
                return schema
        if isinstance(raw, Obj) and self.is_raw_shape(raw, renv):
            return self.shape(raw.entries, renv, 0)
        if self.is_zod(raw, renv):
            schema, _ = self.zod(raw, renv, 0)
            return schema
        converted = self.converted(raw, renv)
        if converted is not None:
            return converted
        value = self.p.value(raw, renv)
        if isinstance(value, ObjV):
            if value.entries and self.is_raw_shape(Obj(value.entries), value.env):
                return self.shape(value.entries, value.env, 0)  # a raw shape reached through a call result
            plain = self.plain(value, 0)
            if not isinstance(plain, dict):
                return None
            if plain and not _SCHEMA_KEYWORDS & plain.keys():
                self.not_schemas.append((self.p.focus_tool, sorted(plain)))
                return None
            return plain
        return None

    def is_raw_shape(self, raw: Obj, env: Env) -> bool:
        """SDK rule: an object literal that is empty or has at least one zod-typed value."""
        if not raw.entries:
            return True
        return any(self.is_zod(*self.p.raw(e.value, env)) for e in raw.entries if isinstance(e, KV))

    def converted(self, raw: IR, env: Env) -> dict[str, Any] | None:
        if not isinstance(raw, Call) or not raw.args:
            return None
        match raw.callee:
            case Id(name) | Mem(_, name):
                pass
            case _:
                return None
        if name in _TO_JSON:
            inner, ienv = self.p.raw(raw.args[0], env)
            if self.is_zod(inner, ienv):
                schema, _ = self.zod(inner, ienv, 0)
                return schema
        return None

    # -- zod -------------------------------------------------------------------------------------
    def zod_root(self, ir: IR, env: Env) -> bool:
        value = self.p.value(ir, env)
        if not isinstance(value, Ext) or value.module not in ZOD_MODULES:
            return False
        path = tuple(p for p in value.names if p != "z")
        return path in ((), ("coerce",))

    def is_zod(self, raw: IR, env: Env, depth: int = 0) -> bool:
        if depth > MAX_DEPTH:
            return False
        raw, env = self.p.raw(raw, env)
        match raw:
            case Call(Mem(base)):
                pass
            case _:
                return False
        if self.zod_root(base, env):
            return True
        return self.is_zod(base, env, depth + 1)

    def zod(self, raw: IR, env: Env, depth: int) -> tuple[dict[str, Any] | None, bool]:
        """(schema, optional) of a zod expression."""
        raw, env = self.p.raw(raw, env)
        if depth > MAX_DEPTH:
            return None, False
        match raw:
            case Call(Mem(base, method), args):
                pass
            case _:
                return None, False
        if self.zod_root(base, env):
            return self.constructor(method, args, env, depth), method == "optional"
        schema, optional = self.zod(base, env, depth + 1)
        if schema is None:
            return None, optional
        return self.modifier(schema, optional, method, args, env, depth)

    def arg_value(self, args: tuple[IR, ...], i: int, env: Env) -> Any:
        if i >= len(args):
            return None
        return self.plain(self.p.value(args[i], env), 0)

    def constructor(self, method: str, args: tuple[IR, ...], env: Env, depth: int) -> dict[str, Any] | None:
        if method in _SIMPLE_TYPES:
            return dict(_SIMPLE_TYPES[method])
        if method == "object" and args:
            raw, renv = self.p.raw(args[0], env)
            return self.shape(raw.entries, renv, depth + 1) if isinstance(raw, Obj) else {"type": "object"}
        if method == "array" and args:
            items, _ = self.zod(args[0], env, depth + 1)
            return {"type": "array", "items": items or {}}
        if method in ("enum", "nativeEnum") and args:
            values = self.arg_value(args, 0, env)
            if isinstance(values, list) and all(isinstance(v, str) for v in values):
                return {"type": "string", "enum": values}
            if isinstance(values, dict):
                return {"enum": list(values.values())}
            return {}
        if method == "literal" and args:
            value = self.arg_value(args, 0, env)
            out: dict[str, Any] = {"const": value}
            if isinstance(value, str):
                out["type"] = "string"
            return out
        if method in ("union", "discriminatedUnion") and args:
            raw, renv = self.p.raw(args[-1], env)
            if isinstance(raw, Arr):
                options = [self.zod(item, renv, depth + 1)[0] or {} for item in raw.items if not isinstance(item, Spread)]
                return {"anyOf": options}
            return {}
        if method == "record":
            value, _ = self.zod(args[-1], env, depth + 1) if args else (None, False)
            return {"type": "object", "additionalProperties": value or {}}
        if method in ("optional", "nullable") and args:
            inner, _ = self.zod(args[0], env, depth + 1)
            return inner
        if method == "tuple" and args:
            raw, renv = self.p.raw(args[0], env)
            if isinstance(raw, Arr):
                return {"type": "array", "items": [self.zod(i, renv, depth + 1)[0] or {} for i in raw.items]}
        if method == "coerce":
            return {}
        return {}

    def modifier(
        self, schema: dict[str, Any], optional: bool, method: str, args: tuple[IR, ...], env: Env, depth: int
    ) -> tuple[dict[str, Any] | None, bool]:
        schema = dict(schema)
        if method == "describe":
            text = self.p.value(args[0], env) if args else Unk("describe()")
            if isinstance(text, Str):
                schema["description"] = text.value
        elif method == "optional" or method == "nullish":
            optional = True
        elif method == "default":
            optional = True
            value = self.arg_value(args, 0, env)
            if value is not None:
                schema["default"] = value
        elif method == "nullable":
            if isinstance(schema.get("type"), str):
                schema["type"] = [schema["type"], "null"]
        elif method == "int":
            schema["type"] = "integer"
        elif method in ("min", "max", "length", "gte", "lte", "gt", "lt", "positive", "nonnegative"):
            value = self.arg_value(args, 0, env)
            kind = schema.get("type")
            if method == "positive":
                schema["exclusiveMinimum"] = 0
            elif method == "nonnegative":
                schema["minimum"] = 0
            elif isinstance(value, (int, float)):
                if kind == "string":
                    key = {"min": "minLength", "max": "maxLength", "length": "minLength"}.get(method)
                elif kind == "array":
                    key = {"min": "minItems", "max": "maxItems", "length": "minItems"}.get(method)
                else:
                    key = {"min": "minimum", "gte": "minimum", "max": "maximum", "lte": "maximum",
                           "gt": "exclusiveMinimum", "lt": "exclusiveMaximum"}.get(method)
                if key:
                    schema[key] = value
                    if method == "length":
                        schema["maxLength" if kind == "string" else "maxItems"] = value
        elif method in _FORMATS:
            schema["format"] = _FORMATS[method]
        elif method == "array":
            return {"type": "array", "items": schema}, False
        elif method in ("or",) and args:
            other, _ = self.zod(args[0], env, depth + 1)
            return {"anyOf": [schema, other or {}]}, optional
        elif method in ("extend", "merge") and args and schema.get("type") == "object":
            raw, renv = self.p.raw(args[0], env)
            extra = self.shape(raw.entries, renv, depth + 1) if isinstance(raw, Obj) else None
            if method == "merge":
                extra, _ = self.zod(args[0], env, depth + 1)
            if extra:
                schema["properties"] = {**schema.get("properties", {}), **extra.get("properties", {})}
                req = [r for r in schema.get("required", []) if r not in extra.get("properties", {})]
                req += extra.get("required", [])
                if req:
                    schema["required"] = req
        elif method == "partial" and schema.get("type") == "object":
            schema.pop("required", None)
        return schema, optional

    def shape(self, entries: tuple[KV | Spread, ...], env: Env, depth: int) -> dict[str, Any]:
        properties: dict[str, Any] = {}
        required: list[str] = []
        for entry in entries:
            match entry:
                case Spread(inner):
                    raw, renv = self.p.raw(inner, env)
                    if isinstance(raw, Obj):
                        sub = self.shape(raw.entries, renv, depth + 1)
                        properties.update(sub.get("properties", {}))
                        required.extend(sub.get("required", []))
                case KV(key, value):
                    schema, optional = self.zod(value, env, depth + 1)
                    properties[key] = schema if schema is not None else {}
                    if not optional:
                        required.append(key)
        out: dict[str, Any] = {"type": "object", "properties": properties}
        if required:
            out["required"] = required
        return out

    # -- plain values -----------------------------------------------------------------------------
    def plain(self, value: Value, depth: int) -> Any:
        """A resolved value as JSON-like Python data; unknown parts become None."""
        if depth > MAX_DEPTH:
            return None
        match value:
            case Str(literal) | Num(literal) | Bool(literal):
                return literal
            case Null():
                return None
            case ObjV(entries, env):
                out: dict[str, Any] = {}
                for entry in entries:
                    match entry:
                        case KV(key, entry_ir):
                            v = self.p.value(entry_ir, env)
                            if isinstance(v, Undef):
                                continue
                            raw, renv = self.p.raw(entry_ir, env)
                            if self.is_zod(raw, renv):
                                out[key] = self.zod(raw, renv, depth + 1)[0]
                            else:
                                out[key] = self.plain(v, depth + 1)
                        case Spread(spread):
                            inner = self.plain(self.p.value(spread, env), depth + 1)
                            if isinstance(inner, dict):
                                out.update(inner)
                return out
            case ArrV(alternatives=False):
                items = self.p.array_items(value, depth + 1)
                if items is None:
                    return None
                return [self.plain(self.p.value(i, e), depth + 1) for i, e in items]
        return None


def read_plain(program: Program, value: Value) -> Any:
    return SchemaReader(program).plain(value, 0)


__all__ = ["SchemaReader", "read_plain", "EMPTY"]
