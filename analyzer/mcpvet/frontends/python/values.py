"""Abstract values the Python evaluator works with (hashable, frozen)."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Const:
    """A Python constant (str, int, float, bool, None, bytes) or a tuple of constants."""

    value: Any


@dataclass(frozen=True)
class Seq:
    """A list/tuple/set whose elements are known value sets (in order)."""

    items: tuple[frozenset[Value], ...]


@dataclass(frozen=True)
class DictVal:
    items: tuple[tuple[frozenset[Value], frozenset[Value]], ...]


@dataclass(frozen=True)
class Func:
    """A function or method of the package, by qualified name."""

    qualname: str


@dataclass(frozen=True)
class Klass:
    qualname: str


@dataclass(frozen=True)
class Instance:
    """An object of a class of the package."""

    klass: str


@dataclass(frozen=True)
class Module:
    name: str
    local: bool


@dataclass(frozen=True)
class Ext:
    """A third-party (or standard library / built-in) name, e.g. `requests.post`."""

    qualname: str


@dataclass(frozen=True)
class ExtInst:
    """An object made by third-party code: an instance of `qualname`, or (derived=True) the
    result of calling the function `qualname`."""

    qualname: str
    derived: bool = False


@dataclass(frozen=True)
class PkgPath(ExtInst):
    """A `pathlib.Path` (or path string) that names a place inside the analysed package itself,
    derived from `__file__` or `importlib.resources.files(...)`: its text can be read statically.
    Still an ExtInst of `pathlib.Path` for everything else (sinks, `/`)."""

    path: str = ""  # relative to the package root, POSIX; "" is the root


@dataclass(frozen=True)
class ClientInst(ExtInst):
    """An HTTP client of a known library made with a base URL (`httpx.AsyncClient(base_url=…)`): its
    requests with a relative path go there (`clients`)."""

    base: str = ""  # the constant start of the base URL ("https://api.example.com/v1"; "…" ends a partial one)
    setting: str = ""  # set where the server runs with no default written (`os.environ["API_URL"]`): its name


@dataclass(frozen=True)
class Managed:
    """What a package function made a context manager (`@contextlib.asynccontextmanager`) returns:
    `with f() as x` binds `x` to what it yields."""

    items: frozenset[Value]


@dataclass(frozen=True)
class PkgHandle(ExtInst):
    """What `open(<PkgPath>)` returns (an ExtInst of `builtins.open`, derived)."""

    path: str = ""


@dataclass(frozen=True)
class PkgMethod(Ext):
    """A method of a PkgPath / PkgHandle (`p.read_text`): still the same Ext for the call graph."""

    path: str = ""
    method: str = ""


@dataclass(frozen=True)
class Super:
    """`super()` inside a method of the package class `klass`: attributes come from the classes after it."""

    klass: str


@dataclass(frozen=True)
class ServerMethod:
    """`server.tool`, `server.add_tool`, `server.list_tools` … of an MCP server object."""

    flavor: str  # "mcp" (FastMCP of the mcp SDK), "fastmcp", "lowlevel"
    method: str


@dataclass(frozen=True)
class ToolDecorator:
    """The result of `server.tool(...)`: applying it to a function registers a tool."""

    flavor: str
    call: ast.Call | None  # the `tool(...)` call with its keyword arguments (None for bare `@server.tool`)
    scope_id: int  # id of the Scope the call is evaluated in (kept in a side table)


@dataclass(frozen=True)
class ToolSpec:
    """A `types.Tool(name=..., description=..., inputSchema=...)` object (low-level servers), or a
    FastMCP `Tool.from_function(fn, ...)`, or a tool object of another library made from a function
    (`library`: "adk" for Google ADK's `FunctionTool(fn)`), with the attributes the package set on it
    after it was made (`attrs`: `tool.description = ...`)."""

    call: ast.Call
    scope_id: int
    from_function: bool = False
    library: str = ""
    attrs: tuple[tuple[str, frozenset[Value]], ...] = ()
    attr_nodes: tuple[tuple[str, ast.expr, int], ...] = ()  # where each attribute was set (expression, scope id)


@dataclass(frozen=True)
class Record:
    """An object known only by some constant attributes (`params.name` of a low-level 2.x dispatcher)."""

    fields: tuple[tuple[str, frozenset[Value]], ...]


@dataclass(frozen=True)
class Unknown:
    why: str = ""


Value = (
    Const | Seq | DictVal | Func | Klass | Instance | Module | Ext | ExtInst | PkgPath | PkgHandle | PkgMethod
    | Super | ServerMethod | ToolDecorator | ToolSpec | Record | Unknown | Managed
)

UNKNOWN = Unknown()
EMPTY: frozenset[Value] = frozenset()


def ordered(values: frozenset[Value]) -> list[Value]:
    """A value set as a list in an order the hash seed does not change, for loops that stop at the first
    value that fits (two classes that could give a schema: the same one under every PYTHONHASHSEED)."""
    if len(values) < 2:
        return list(values)
    return sorted(values, key=_order_key)


def _order_key(v: Value) -> tuple[str, ...]:
    if isinstance(v, (ToolSpec, ToolDecorator)):
        node = v.call
        return type(v).__name__, f"{getattr(node, 'lineno', 0):09d}", f"{getattr(node, 'col_offset', 0):09d}"
    parts = [type(v).__name__]
    for name in ("qualname", "klass", "name", "flavor", "method", "path", "base", "setting", "why"):
        x = getattr(v, name, None)
        if isinstance(x, str):
            parts.append(x)
    if isinstance(v, Const):
        parts.append(f"{type(v.value).__name__}:{v.value!r}"[:200])
    return tuple(parts)


def one(value: Value) -> frozenset[Value]:
    return frozenset((value,))


# ---------------------------------------------------------------------- constants of value sets
NO = object()  # "not one constant" (None is a constant)
_WIDE = re.compile(r"\d{6,}")


def const_of(values: frozenset[Value], strict: bool = False) -> object:
    """The constant a value set holds when it holds exactly one constant (else NO / None)."""
    if len(values) == 1:
        v = next(iter(values))
        if isinstance(v, Const):
            return v.value
    return NO if strict else None


def single_const(values: frozenset[Value]) -> tuple[bool, object]:
    c = const_of(values, strict=True)
    return (c is not NO, None if c is NO else c)


def too_wide(text: str) -> bool:
    """A format spec or template asking for a huge field width (a memory bomb in hostile code)."""
    return bool(_WIDE.search(text))
