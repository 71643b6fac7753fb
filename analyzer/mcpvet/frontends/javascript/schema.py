"""Input schemas from zod chains, raw zod shapes and plain JSON Schema object literals."""

from __future__ import annotations

from typing import Any

from mcpvet.frontends.javascript.facts import IR
from mcpvet.frontends.javascript.ir import Obj, Unk
from mcpvet.frontends.javascript.program import EMPTY, Env, Program

_ZOD_MODULES = ("zod", "zod/v4", "zod/v3", "zod/mini", "zod/v4-mini")
_TO_JSON = ("zodToJsonSchema", "toJSONSchema", "toJsonSchema", "zodToJSONSchema", "zodToJson")
_SIMPLE_TYPES = {
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


class SchemaReader:
    def __init__(self, program: Program) -> None:
        self.p = program

    # -- entry points -------------------------------------------------------------------------
    def input_schema(self, ir: IR, env: Env) -> dict[str, Any] | None:
        """Schema from what a registration passes: raw shape, zod object, zodToJsonSchema(...), JSON Schema."""
        raw, renv = self.p.raw(ir, env)
        if raw[0] == "mem" and raw[2] == "shape":  # `SomeZodObject.shape` passed as a raw shape
            inner, ienv = self.p.raw(raw[1], renv)
            if self.is_zod(inner, ienv):
                schema, _ = self.zod(inner, ienv, 0)
                return schema
        if raw[0] == "obj" and self.is_raw_shape(raw, renv):
            return self.shape(raw[1], renv, 0)
        if self.is_zod(raw, renv):
            schema, _ = self.zod(raw, renv, 0)
            return schema
        converted = self.converted(raw, renv)
        if converted is not None:
            return converted
        value = self.p.value(raw, renv)
        if value[0] == "obj" and value[1] and self.is_raw_shape(Obj(value[1]), value[2]):
            return self.shape(value[1], value[2], 0)  # a raw shape reached through a call result
        if value[0] == "obj":
            plain = self.plain(value, 0)
            return plain if isinstance(plain, dict) else None
        return None

    def is_raw_shape(self, raw: IR, env: Env) -> bool:
        """SDK rule: an object literal that is empty or has at least one zod-typed value."""
        entries = [e for e in raw[1] if e[0] == "kv"]
        if not raw[1]:
            return True
        return any(self.is_zod(*self.p.raw(e[2], env)) for e in entries)

    def converted(self, raw: IR, env: Env) -> dict[str, Any] | None:
        if raw[0] != "call" or not raw[2]:
            return None
        callee = raw[1]
        name = callee[1] if callee[0] == "id" else callee[2] if callee[0] == "mem" else None
        if name in _TO_JSON:
            inner, ienv = self.p.raw(raw[2][0], env)
            if self.is_zod(inner, ienv):
                schema, _ = self.zod(inner, ienv, 0)
                return schema
        return None

    # -- zod -------------------------------------------------------------------------------------
    def zod_root(self, ir: IR, env: Env) -> bool:
        value = self.p.value(ir, env)
        if value[0] != "ext" or value[1] not in _ZOD_MODULES:
            return False
        path = tuple(p for p in value[2] if p != "z")
        return path in ((), ("coerce",))

    def is_zod(self, raw: IR, env: Env, depth: int = 0) -> bool:
        if depth > MAX_DEPTH:
            return False
        raw, env = self.p.raw(raw, env)
        if raw[0] != "call" or raw[1][0] != "mem":
            return False
        base = raw[1][1]
        if self.zod_root(base, env):
            return True
        return self.is_zod(base, env, depth + 1)

    def zod(self, raw: IR, env: Env, depth: int) -> tuple[dict[str, Any] | None, bool]:
        """(schema, optional) of a zod expression."""
        raw, env = self.p.raw(raw, env)
        if depth > MAX_DEPTH or raw[0] != "call" or raw[1][0] != "mem":
            return None, False
        base, method, args = raw[1][1], raw[1][2], raw[2]
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
            return self.shape(raw[1], renv, depth + 1) if raw[0] == "obj" else {"type": "object"}
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
            if raw[0] == "arr":
                options = [self.zod(item, renv, depth + 1)[0] or {} for item in raw[1] if item[0] != "spread"]
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
            if raw[0] == "arr":
                return {"type": "array", "items": [self.zod(i, renv, depth + 1)[0] or {} for i in raw[1]]}
        if method == "coerce":
            return {}
        return {}

    def modifier(
        self, schema: dict[str, Any], optional: bool, method: str, args: tuple[IR, ...], env: Env, depth: int
    ) -> tuple[dict[str, Any] | None, bool]:
        schema = dict(schema)
        if method == "describe":
            text = self.p.value(args[0], env) if args else Unk()
            if text[0] == "str":
                schema["description"] = text[1]
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
            extra = self.shape(raw[1], renv, depth + 1) if raw[0] == "obj" else None
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

    def shape(self, entries: tuple[IR, ...], env: Env, depth: int) -> dict[str, Any]:
        properties: dict[str, Any] = {}
        required: list[str] = []
        for entry in entries:
            if entry[0] == "spread":
                raw, renv = self.p.raw(entry[1], env)
                if raw[0] == "obj":
                    sub = self.shape(raw[1], renv, depth + 1)
                    properties.update(sub.get("properties", {}))
                    required.extend(sub.get("required", []))
                continue
            if entry[0] != "kv":
                continue
            schema, optional = self.zod(entry[2], env, depth + 1)
            properties[entry[1]] = schema if schema is not None else {}
            if not optional:
                required.append(entry[1])
        out: dict[str, Any] = {"type": "object", "properties": properties}
        if required:
            out["required"] = required
        return out

    # -- plain values -----------------------------------------------------------------------------
    def plain(self, value: IR, depth: int) -> Any:
        """A resolved value as JSON-like Python data; unknown parts become None."""
        if depth > MAX_DEPTH:
            return None
        kind = value[0]
        if kind in ("str", "num", "bool"):
            return value[1]
        if kind == "null":
            return None
        if kind == "obj":
            out: dict[str, Any] = {}
            for entry in value[1]:
                if entry[0] == "kv":
                    v = self.p.value(entry[2], value[2])
                    if v[0] == "undef":
                        continue
                    raw, renv = self.p.raw(entry[2], value[2])
                    if self.is_zod(raw, renv):
                        out[entry[1]] = self.zod(raw, renv, depth + 1)[0]
                    else:
                        out[entry[1]] = self.plain(v, depth + 1)
                elif entry[0] == "spread":
                    inner = self.plain(self.p.value(entry[1], value[2]), depth + 1)
                    if isinstance(inner, dict):
                        out.update(inner)
            return out
        if kind == "arr":
            items = self.p.array_items(value, depth + 1)
            if items is None:
                return None
            return [self.plain(self.p.value(i, e), depth + 1) for i, e in items]
        return None


def read_plain(program: Program, value: IR) -> Any:
    return SchemaReader(program).plain(value, 0)


__all__ = ["SchemaReader", "read_plain", "EMPTY"]
