"""A table of library behaviour: what calls of known standard-library and third-party APIs return
(the evaluator's "special forms"), and the methods of constants it computes.

`CALLS` maps a qualified name to a handler `(evaluator, call, scope) -> values | None`; None means
"not this form" (no arguments, say) and the evaluator carries on with what it knows otherwise
(SDK classes, then `returns_of`: the instance types of `sinks/python.py`'s RETURNS).
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from collections.abc import Callable
from typing import TYPE_CHECKING

from mcpvet.frontends.python import clients
from mcpvet.frontends.python.records import RECORD_AS_DICT, Built, as_dict
from mcpvet.frontends.python.values import (
    NO,
    UNKNOWN,
    Const,
    DictVal,
    Ext,
    ExtInst,
    Func,
    Klass,
    Seq,
    Super,
    Unknown,
    Value,
    const_of,
    one,
    too_wide,
)
from mcpvet.sinks.python import RETURNS

if TYPE_CHECKING:
    from mcpvet.frontends.python.evaluator import Evaluator
    from mcpvet.frontends.python.scopes import Scope

IDENTITY = Ext("<identity-decorator>")

Handler = Callable[["Evaluator", ast.Call, "Scope"], "frozenset[Value] | None"]

STR_METHODS = frozenset(
    {
        "format",
        "strip",
        "lstrip",
        "rstrip",
        "upper",
        "lower",
        "title",
        "capitalize",
        "replace",
        "removeprefix",
        "removesuffix",
        "casefold",
        "expandtabs",
        "center",
        "ljust",
        "rjust",
        "zfill",
    }
)
# methods of a constant string whose result is a list or tuple of strings (kept as a sequence, at most
# MAX_PARTS long): `doc.split("Args:")[0]`
SPLIT_METHODS = frozenset({"split", "rsplit", "splitlines", "partition", "rpartition"})
MAX_PARTS = 256


def _first_arg(ev: Evaluator, node: ast.Call, scope: Scope) -> frozenset[Value]:
    return ev.ev(node.args[0], scope) if node.args else one(UNKNOWN)


def _cast(ev: Evaluator, node: ast.Call, scope: Scope) -> frozenset[Value] | None:
    """`typing.cast(T, value)` is `value` at run time."""
    return ev.ev(node.args[1], scope) if len(node.args) == 2 else None


def _super(ev: Evaluator, node: ast.Call, scope: Scope) -> frozenset[Value] | None:
    klass = ev.super_class(node, scope)
    return one(Super(klass)) if klass is not None else None


def _identity(ev: Evaluator, node: ast.Call, scope: Scope) -> frozenset[Value] | None:
    return _first_arg(ev, node, scope)


def _getattr(ev: Evaluator, node: ast.Call, scope: Scope) -> frozenset[Value] | None:
    if len(node.args) >= 2:
        return ev.getattr_values(node.args[0], node.args[1], scope)
    return None


def _next(ev: Evaluator, node: ast.Call, scope: Scope) -> frozenset[Value] | None:
    """`next(iterable[, default])`: any element of a known iterable (a condition of a generator
    picks which: `next(c for c in TOOLS if c.name == name)` is one of TOOLS), or the default;
    unknown otherwise, never an object of the `builtins` module."""
    if not node.args or node.keywords:
        return None
    arg = node.args[0]
    found: list[frozenset[Value]] | None
    if isinstance(arg, (ast.GeneratorExp, ast.ListComp, ast.SetComp)) and len(arg.generators) == 1:
        gen = arg.generators[0]
        inners = ev.element_scopes(gen, scope)
        # an element the condition rules out where its values are known (a dispatcher for one tool
        # name: `c.name == name` with `name` that tool's) is not the one picked
        found = None if inners is None else [ev.ev(arg.elt, inner) for inner in inners
                                             if all(ev.truth(test, inner) is not False for test in gen.ifs)]
    else:
        found = ev.elements(ev.ev(arg, scope), scope)
    if not found:
        return one(Unknown("next"))
    out: frozenset[Value] = frozenset().union(*found)
    if len(node.args) > 1:
        out |= ev.ev(node.args[1], scope)
    return out


def _import(q: str) -> Handler:
    def handler(ev: Evaluator, node: ast.Call, scope: Scope) -> frozenset[Value] | None:
        if not node.args:
            return None
        name = const_of(ev.ev(node.args[0], scope), strict=True)
        if isinstance(name, str):
            return one(ev.module_value(name))  # __import__("os").system(...)
        return one(Unknown(q))

    return handler


def _with_args(handler: Handler) -> Handler:
    """`handler` when the call has positional arguments; otherwise not this form."""

    def guarded(ev: Evaluator, node: ast.Call, scope: Scope) -> frozenset[Value] | None:
        return handler(ev, node, scope) if node.args else None

    return guarded


def _decorator_identity(ev: Evaluator, node: ast.Call, scope: Scope) -> frozenset[Value] | None:
    return one(IDENTITY)


def _text(q: str) -> Handler:
    def handler(ev: Evaluator, node: ast.Call, scope: Scope) -> frozenset[Value] | None:
        c = const_of(ev.ev(node.args[0], scope), strict=True)
        if isinstance(c, str):
            if q == "textwrap.dedent":
                return one(Const(textwrap.dedent(c)))
            if q == "inspect.cleandoc":
                return one(Const(inspect.cleandoc(c)))
            return one(Const(c))
        return one(Unknown(q))

    return _with_args(handler)


def _getdoc(ev: Evaluator, node: ast.Call, scope: Scope) -> frozenset[Value] | None:
    """`inspect.getdoc(f)` of a package function, method or class: its docstring cleaned as
    `inspect.cleandoc` does (None when it has none; unknown when `f` is not one known value)."""
    values = ev.ev(node.args[0], scope)
    if len(values) != 1:
        return one(Unknown("inspect.getdoc"))
    v = next(iter(values))
    if not isinstance(v, (Func, Klass)):
        return one(Unknown("inspect.getdoc"))
    doc = ev.dunder(v, "__doc__")
    if doc is None:
        return one(Unknown("inspect.getdoc"))
    return one(Const(inspect.cleandoc(doc) if isinstance(doc, str) else None))


def _sequence(ev: Evaluator, node: ast.Call, scope: Scope) -> frozenset[Value] | None:
    elements = ev.elements(ev.ev(node.args[0], scope), scope)
    return one(Seq(tuple(elements))) if elements is not None else one(UNKNOWN)


def _dict(ev: Evaluator, node: ast.Call, scope: Scope) -> frozenset[Value] | None:
    pairs = tuple((one(Const(k.arg)), ev.ev(k.value, scope)) for k in node.keywords if k.arg)
    return one(DictVal(pairs))


def _runner(ev: Evaluator, node: ast.Call, scope: Scope) -> frozenset[Value] | None:
    return one(UNKNOWN)


def _field_default(ev: Evaluator, node: ast.Call, scope: Scope) -> frozenset[Value] | None:
    """`x: str = Field(default="...")` in a pydantic / pydantic-settings model, a dataclass or an
    attrs class: an instance holds the default (what a client sees unless configuration changes it)."""
    for kw in node.keywords:
        if kw.arg == "default":
            return ev.ev(kw.value, scope)
    for kw in node.keywords:
        if kw.arg == "default_factory" and isinstance(kw.value, ast.Lambda) and not kw.value.args.args:
            return ev.ev(kw.value.body, scope)  # `default_factory=lambda: os.getenv("HOST", "https://…")`
    if node.args and not isinstance(node.args[0], ast.Starred) and not (
            isinstance(node.args[0], ast.Constant) and node.args[0].value is Ellipsis):
        return ev.ev(node.args[0], scope)  # pydantic's Field(default, ...)
    return None


FIELD_FUNCTIONS = ("pydantic.Field", "pydantic.fields.Field", "pydantic_settings.Field", "dataclasses.field",
                   "attr.ib", "attr.attrib", "attr.field", "attrs.field", "sqlmodel.Field")

def _asdict(ev: Evaluator, node: ast.Call, scope: Scope) -> frozenset[Value] | None:
    """`dataclasses.asdict(obj)` of an object of a package data class: its fields as a dict."""
    if len(node.args) != 1 or node.keywords:
        return None
    values = ev.ev(node.args[0], scope)
    if values and all(isinstance(v, Built) for v in values):
        return frozenset(as_dict(v) for v in values if isinstance(v, Built))
    return None


def _dir(ev: Evaluator, node: ast.Call, scope: Scope) -> frozenset[Value] | None:
    """`dir(obj)` of a package class, instance or module: its attribute names, sorted as dir does."""
    if len(node.args) != 1:
        return None
    names: set[str] = set()
    for v in ev.ev(node.args[0], scope):
        found = ev.attribute_names(v)
        if not found:
            return None
        names.update(found)
    return one(Seq(tuple(one(Const(n)) for n in sorted(names))))


CALLS: dict[str, Handler] = {
    "dataclasses.asdict": _asdict,
    "builtins.dir": _dir,
    **dict.fromkeys(FIELD_FUNCTIONS, _field_default),
    **clients.MADE,
    "builtins.super": _super,
    IDENTITY.qualname: _identity,
    "builtins.getattr": _getattr,
    "builtins.next": _next,
    "builtins.__import__": _import("builtins.__import__"),
    "importlib.import_module": _import("importlib.import_module"),
    "typing.cast": _cast,
    "typing_extensions.cast": _cast,
    "functools.partial": _with_args(_identity),
    "functools.wraps": _decorator_identity,
    "functools.lru_cache": _decorator_identity,
    "functools.cache": _decorator_identity,
    "functools.update_wrapper": _identity,
    "builtins.staticmethod": _with_args(_identity),
    "builtins.classmethod": _with_args(_identity),
    "builtins.property": _with_args(_identity),
    "textwrap.dedent": _text("textwrap.dedent"),
    "inspect.cleandoc": _text("inspect.cleandoc"),
    "inspect.getdoc": _with_args(_getdoc),
    "builtins.str": _text("builtins.str"),
    "builtins.list": _with_args(_sequence),
    "builtins.tuple": _with_args(_sequence),
    "builtins.sorted": _with_args(_sequence),
    "builtins.dict": _dict,
    "asyncio.run": _with_args(_runner),
    "anyio.run": _with_args(_runner),
}


def library_call(ev: Evaluator, q: str, node: ast.Call, scope: Scope) -> frozenset[Value] | None:
    """What a call of the library API `q` returns, when the table knows (None: not known here)."""
    handler = CALLS.get(q)
    return handler(ev, node, scope) if handler is not None else None


def returns_of(q: str) -> frozenset[Value]:
    """A call of an external API nothing else knows: a known client type, else an instance of a
    class-like name, else a value derived from the call."""
    if q in RETURNS:
        return one(ExtInst(RETURNS[q]))
    last = q.rsplit(".", 1)[-1]
    if last[:1].isupper() and "()" not in q:
        return one(ExtInst(q))
    return one(ExtInst(q, derived=True))


def value_method(ev: Evaluator, base: Value, method: str, node: ast.Call, scope: Scope) -> frozenset[Value] | None:
    """Methods of a constant string or a dict the evaluator computes (None: not computed)."""
    if isinstance(base, Built) and method in RECORD_AS_DICT and not node.args and not node.keywords \
            and ev.method(base.klass, method) is None:
        return one(as_dict(base))  # `spec.model_dump()`, `spec.dict()`, `row._asdict()`
    if isinstance(base, Const) and isinstance(base.value, str):
        args = [const_of(ev.ev(a, scope), strict=True) for a in node.args]
        kwargs = {k.arg: const_of(ev.ev(k.value, scope), strict=True) for k in node.keywords if k.arg}
        if any(a is NO for a in args) or any(v is NO for v in kwargs.values()) or any(
            k.arg is None for k in node.keywords
        ):
            if method == "join" and node.args:
                elements = ev.elements(ev.ev(node.args[0], scope), scope)
                if elements is not None:
                    consts = [const_of(e, strict=True) for e in elements]
                    if all(isinstance(c, str) for c in consts):
                        return one(Const(base.value.join(consts)))  # type: ignore[arg-type]
            return one(Unknown(f"str.{method}"))
        if method in SPLIT_METHODS:
            try:
                parts = getattr(base.value, method)(*args, **kwargs)
            except (TypeError, ValueError):
                return one(UNKNOWN)
            if len(parts) > MAX_PARTS:
                return one(Unknown("too many parts"))
            return one(Seq(tuple(one(Const(x)) for x in parts)))  # a list (split) or a tuple (partition)
        if method in STR_METHODS:
            if any(isinstance(a, int) and not isinstance(a, bool) and abs(a) > 100_000 for a in args) or (
                method == "format" and too_wide(base.value)
            ):
                return one(Unknown("too large"))
            try:
                return one(Const(getattr(base.value, method)(*args, **kwargs)))
            except (TypeError, ValueError, KeyError, IndexError, AttributeError):
                return one(UNKNOWN)
        return None
    if isinstance(base, DictVal):
        if method in ("get", "pop", "__getitem__", "setdefault"):
            keys = ev.ev(node.args[0], scope) if node.args else one(UNKNOWN)
            if method in ("get", "pop") and len(node.args) > 1:  # d.get(key, default)
                key = const_of(keys, strict=True)
                known = [const_of(k, strict=True) for k, _ in base.items]
                if key is not NO and NO not in known and key not in known:
                    return ev.ev(node.args[1], scope)  # a key the dict does not hold: the default
                if key is NO or NO in known:
                    return ev.dict_get(base, keys) | ev.ev(node.args[1], scope)
            return ev.dict_get(base, keys)
        if method == "items":
            return one(Seq(tuple(one(Seq((k, v))) for k, v in base.items)))
        if method == "values":
            return one(Seq(tuple(v for _, v in base.items)))
        if method == "keys":
            return one(Seq(tuple(k for k, _ in base.items)))
        if method == "copy":
            return one(base)
    if isinstance(base, Seq) and method == "copy" and not node.args:
        return one(base)
    return None

