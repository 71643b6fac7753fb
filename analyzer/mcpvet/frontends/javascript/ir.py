"""The typed IR of the JavaScript/TypeScript frontend: expressions extracted from one file, and
the values `Program.value` folds them to.

Every node is a frozen, slotted dataclass, so facts stay small and picklable (a parser worker
extracts them, the main process evaluates them across modules) and code dispatches on them with
structural `match`. Expressions (`Expr`), as `extract.py` builds them:

    Str(value, path, line)   a string; path/line where it was written (tool names, for locations)
    Num(value) Bool(value) Null() Undef()
    Id(name, scope)          identifier read in the scope of function `scope`
    Param(fid, index)        a parameter of fid (bound at call sites / instantiations); also the
                             loop variable of `for (const x of ITEMS)` as Param(loop_key, 0)
    Mem(obj, prop)           obj.prop (prop a str; also obj["prop"])
    Idx(obj, index)          obj[expr]
    Call(callee, args, fid, n)  a call (the n-th recorded call of fid)
    New(callee, args)        new callee(args)
    Obj(entries)             an object literal; entries are KV(key, value) | Spread(value)
    Arr(items)               an array literal; items are Expr | Spread(value)
    Tpl(parts) Add(left, right) Or(left, right, op) Either(a, b, test)  (test: the condition of `test ? a : b`)
    Cmp(op, left, right)     a comparison (===, !==, ==, !=, <, >, <=, >=), `&&` or `"key" in obj`
    Not(value) TypeOf(value) Rx(pattern, flags)  `!value`, `typeof value`; a regular-expression literal
    Fn(fid) ClassRef(cid)    a function / class defined in the package
    Req(spec, path)          require(spec) in file `path`
    Imp(spec, name, path)    `import {name} from spec` in file `path` ("default", "*" for namespaces)
    This(fid) Ret(fid)       `this` inside fid; the value fid returns (`get x() { return … }` exports)
    Unk(why)                 not modelled, with the reason

Made by the evaluator, never by the extractor:

    BoundIR(expr, env)       an expression together with the parameter bindings it runs under
    LoopMap(key, items, item)  `item` once per element of `items` (pushed inside a for-of loop)

Values (`Value`), what `Program.value(expr, env)` returns; Str, Num, Bool, Null, Undef, Fn,
ClassRef, Param and Unk are values too:

    Fn(fid, env)             a closure keeps the parameter bindings of the call that made it
    ObjV(entries, env) ArrV(items, env)  object/array literal with the bindings of its entries;
                             ArrV(items, EMPTY, alternatives=True) the elements of either of two
                             arrays (a conditional between them), for listing and iterating only
    Inst(cid)                an instance of a package class
    BoundFn(fid, how)        fid.call / fid.apply / fid.bind
    ModRef(path)             a module of the package (ESM namespace / CJS exports)
    Ext(module, names)       something reached from a third-party or built-in module
    Global(dotted)           a free (global) name such as "fetch", "process.env"
    Dispatch(entries, env)   obj[unknown key] on an object literal
    ArrayMethod(arr, method) StrMethod(text, method)  a method of an array / string value
    Param(fid, index)        a parameter with no binding in env
    FileRef(path, form)      a file or folder of the package (`path` relative to its root, "" the root):
                             form "" a path (`__dirname`, `path.join(__dirname, "x.json")`), "url" a
                             file: URL (`import.meta.url`, `new URL("./x.json", import.meta.url)`),
                             "meta" the module's `import.meta`

`Env` binds parameters of functions evaluated at a call site: {(fid, i): (expr, env)}.

Cost. Nodes are objects the cyclic collector tracks (the former tuples of atoms were untracked),
so the frontend pauses collection while facts are built and unpickled and freezes them while the
program is analysed (`frontend.py`); pickling reads each node's fields with one attrgetter call.
Measured on a generated 0.5 MB bundle against the tuple IR (commit b307e8e), medians of 6
alternating runs on a shared 2-core machine: the whole frontend (`JavaScriptFrontend.analyze`,
parser worker included) 1.73 s before, 1.79 s now (+4%). Without the collector handling, building
the nodes cost +21% and a pickle round trip +99%, which is what that handling recovers.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, TypeAlias

Env: TypeAlias = Mapping[tuple[str, int], tuple["Expr", Any]]



class Node:
    """Base of every IR node: dispatch with `match` on the node classes and read the fields;
    nodes are not sequences (no indexing, length or iteration)."""

    __slots__ = ()
    __match_args__: ClassVar[tuple[str, ...]] = ()

    def __reduce__(self) -> tuple[Any, ...]:
        # replaced per class below by `_reducer` (one C attrgetter call); kept for subclasses
        return (type(self), tuple(getattr(self, f) for f in self.__match_args__))


# -- shared by expressions and values ---------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Str(Node):
    value: str
    path: str | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Num(Node):
    value: int | float


@dataclass(frozen=True, slots=True)
class Bool(Node):
    value: bool


@dataclass(frozen=True, slots=True)
class Null(Node):
    pass


@dataclass(frozen=True, slots=True)
class Undef(Node):
    pass


@dataclass(frozen=True, slots=True)
class Fn(Node):
    fid: str
    env: Env | None = None  # values only: the bindings a closure keeps


@dataclass(frozen=True, slots=True)
class ClassRef(Node):
    cid: str


@dataclass(frozen=True, slots=True)
class Param(Node):
    fid: str
    index: int


@dataclass(frozen=True, slots=True)
class Unk(Node):
    why: str


@dataclass(frozen=True, slots=True)
class OneOf(Unk):
    """An instance of one of several package classes (`try { return new A() } catch { return new B() }`):
    unknown to the evaluator; the call graph resolves a method called on it in each class."""
    cids: tuple[str, ...] = ()


# -- expressions --------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Id(Node):
    name: str
    scope: str


@dataclass(frozen=True, slots=True)
class Mem(Node):
    obj: Expr
    prop: str


@dataclass(frozen=True, slots=True)
class Idx(Node):
    obj: Expr
    index: Expr


@dataclass(frozen=True, slots=True)
class Call(Node):
    callee: Expr
    args: tuple[Expr, ...]
    fid: str
    n: int


@dataclass(frozen=True, slots=True)
class New(Node):
    callee: Expr
    args: tuple[Expr, ...]


@dataclass(frozen=True, slots=True)
class KV(Node):
    key: str
    value: Expr


@dataclass(frozen=True, slots=True)
class Spread(Node):
    value: Expr


@dataclass(frozen=True, slots=True)
class Obj(Node):
    entries: tuple[KV | Spread, ...]


@dataclass(frozen=True, slots=True)
class Arr(Node):
    items: tuple[Expr, ...]  # Spread among them
    # "Map" / "Set": a `new Map()` / `new Set()` filled by `.set(k, v)` / `.add(v)` (a Map's items are
    # `[k, v]` pairs, as iterating it gives them)
    collection: str = ""


@dataclass(frozen=True, slots=True)
class Tpl(Node):
    parts: tuple[Expr, ...]


@dataclass(frozen=True, slots=True)
class Add(Node):
    left: Expr
    right: Expr


@dataclass(frozen=True, slots=True)
class Or(Node):
    left: Expr
    right: Expr
    op: str = "??"  # "||" also takes the right side for a falsy left (false, 0, "")


@dataclass(frozen=True, slots=True)
class Either(Node):
    a: Expr
    b: Expr
    test: Expr | None = None  # `test ? a : b` (None: either value, no test known)


@dataclass(frozen=True, slots=True)
class Fold(Node):
    """`for (const k of ITEMS) { if (…) x = STEP }`: x after the loop, from INIT, STEP read once per element
    with the element bound to Param(key, 0) and the value x had before that turn to Param(acc, 0)."""

    key: str
    items: Expr
    acc: str
    step: Expr
    init: Expr


@dataclass(frozen=True, slots=True)
class Cmp(Node):
    """`left OP right` for a comparison (===, !==, ==, !=, <, >, <=, >=), `&&` or `in`."""

    op: str
    left: Expr
    right: Expr


@dataclass(frozen=True, slots=True)
class Not(Node):
    value: Expr


@dataclass(frozen=True, slots=True)
class TypeOf(Node):
    value: Expr


@dataclass(frozen=True, slots=True)
class Rx(Node):
    """A regular-expression literal `/pattern/flags`."""

    pattern: str
    flags: str


@dataclass(frozen=True, slots=True)
class Req(Node):
    spec: str
    path: str


@dataclass(frozen=True, slots=True)
class Imp(Node):
    spec: str
    name: str
    path: str


@dataclass(frozen=True, slots=True)
class This(Node):
    fid: str


@dataclass(frozen=True, slots=True)
class Ret(Node):
    fid: str


@dataclass(frozen=True, slots=True)
class BoundIR(Node):
    expr: Expr
    env: Env


@dataclass(frozen=True, slots=True)
class Sites(Node):
    """ITEM once per call of function FID in the package, FID's parameters bound to that call's
    arguments (`function register(t) { registry.set(t.name, t) }` called once per tool)."""

    fid: str
    item: Expr


@dataclass(frozen=True, slots=True)
class LoopMap(Node):
    key: str
    items: Expr
    item: Expr


# -- values only -----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ObjV(Node):
    entries: tuple[KV | Spread, ...]
    env: Env


@dataclass(frozen=True, slots=True)
class ArrV(Node):
    items: tuple[Expr, ...]
    env: Env
    # the elements of either of two arrays (`flag ? readonlyTools : allTools`): what may be listed
    # or iterated, not one array's contents (no index, length, join or plain value)
    alternatives: bool = False
    collection: str = ""  # "Map" / "Set" (see Arr)


@dataclass(frozen=True, slots=True)
class Inst(Node):
    cid: str
    # the bindings of its constructor's parameters, when the instance is one `new C(…)` (its arguments):
    # the fields set from them are read under these
    env: Env | None = None


@dataclass(frozen=True, slots=True)
class BoundFn(Node):
    fid: str
    how: str  # "call" | "apply" | "bind"


@dataclass(frozen=True, slots=True)
class ModRef(Node):
    path: str


@dataclass(frozen=True, slots=True)
class Ext(Node):
    module: str
    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Global(Node):
    dotted: str


@dataclass(frozen=True, slots=True)
class Dispatch(Node):
    entries: tuple[KV | Spread, ...]
    env: Env


@dataclass(frozen=True, slots=True)
class ArrayMethod(Node):
    arr: ArrV
    method: str


@dataclass(frozen=True, slots=True)
class StrMethod(Node):
    text: str
    method: str


@dataclass(frozen=True, slots=True)
class FileRef(Node):
    path: str
    form: str = ""


Literal: TypeAlias = Str | Num | Bool | Null | Undef
Expr: TypeAlias = (
    Str | Num | Bool | Null | Undef | Fn | ClassRef | Param | Unk | Id | Mem | Idx | Call | New | Spread | Obj
    | Arr | Tpl | Add | Or | Either | Fold | Cmp | Not | TypeOf | Rx | Req | Imp | This | Ret | BoundIR | LoopMap | Sites
)
Value: TypeAlias = (
    Str | Num | Bool | Null | Undef | Fn | ClassRef | Param | Unk | ObjV | ArrV | Inst | BoundFn | ModRef | Ext
    | Global | Dispatch | ArrayMethod | StrMethod | Rx | FileRef
)
LITERALS = (Str, Num, Bool, Null, Undef)
# values that evaluate to themselves
TERMINAL = (Str, Num, Bool, Null, Undef, Fn, ClassRef, Unk, Ext, Global, ModRef, Inst, FileRef)


def children(node: Node) -> list[Node | tuple[Any, ...]]:
    """The fields of a node that hold nodes (or tuples of them: arguments, entries, items)."""
    out: list[Node | tuple[Any, ...]] = []
    for name in node.__match_args__:
        value = getattr(node, name)
        if isinstance(value, (Node, tuple)):
            out.append(value)
    return out


def same(a: Value, b: Value) -> bool:
    """The same kind and first field: a string wherever it was written, a function whatever
    bindings it closes over."""
    if type(a) is not type(b):
        return False
    names = a.__match_args__
    return not names or bool(getattr(a, names[0]) == getattr(b, names[0]))


def _reducer(cls: type[Node]) -> Callable[[Node], tuple[Any, ...]]:
    """`__reduce__` for one node class: a single constructor call when facts cross from a parser
    worker (the generated slotted __getstate__/__setstate__ pair is several times slower), the
    fields read by one `operator.attrgetter` call (a generator of getattr calls per node made
    pickling the facts of a bundle about three times slower than pickling the former tuples)."""
    fields = cls.__match_args__
    if not fields:
        return lambda self: (cls, ())
    if len(fields) == 1:
        get_one = operator.attrgetter(fields[0])
        return lambda self: (cls, (get_one(self),))
    get_all = operator.attrgetter(*fields)
    return lambda self: (cls, get_all(self))


_KIND: dict[type, str] = {
    Str: "str",
    Num: "num",
    Bool: "bool",
    Null: "null",
    Undef: "undef",
    Fn: "fn",
    ClassRef: "class",
    Param: "param",
    Unk: "unk",
    Id: "id",
    Mem: "mem",
    Idx: "idx",
    Call: "call",
    New: "new",
    KV: "kv",
    Spread: "spread",
    Obj: "obj",
    Arr: "arr",
    Tpl: "tpl",
    Add: "add",
    Or: "or",
    Either: "either",
    Fold: "fold",
    Cmp: "cmp",
    Not: "not",
    TypeOf: "typeof",
    Rx: "regex",
    Req: "req",
    Imp: "imp",
    This: "this",
    Ret: "ret",
    BoundIR: "bound_ir",
    LoopMap: "loopmap",
    Sites: "sites",
    ObjV: "obj",
    ArrV: "arr",
    Inst: "inst",
    BoundFn: "bound",
    ModRef: "mod",
    Ext: "ext",
    Global: "global",
    Dispatch: "dispatch",
    ArrayMethod: "arraymethod",
    StrMethod: "strmethod",
    FileRef: "file",
}

for _cls in _KIND:
    setattr(_cls, "__reduce__", _reducer(_cls))  # noqa: B010 (assigning a method mypy would refuse)


def kind(node: Node) -> str:
    """The short name of a node's kind ("str", "fn", "obj", …), as messages show it."""
    return _KIND[type(node)]
