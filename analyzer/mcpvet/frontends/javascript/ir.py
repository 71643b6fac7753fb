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
    Tpl(parts) Add(left, right) Or(left, right) Either(a, b)
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
    ObjV(entries, env) ArrV(items, env)  object/array literal with the bindings of its entries
    Inst(cid)                an instance of a package class
    BoundFn(fid, how)        fid.call / fid.apply / fid.bind
    ModRef(path)             a module of the package (ESM namespace / CJS exports)
    Ext(module, names)       something reached from a third-party or built-in module
    Global(dotted)           a free (global) name such as "fetch", "process.env"
    Dispatch(entries, env)   obj[unknown key] on an object literal
    ArrayMethod(arr, method) StrMethod(text, method)  a method of an array / string value
    Param(fid, index)        a parameter with no binding in env

`Env` binds parameters of functions evaluated at a call site: {(fid, i): (expr, env)}.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, TypeAlias

Env: TypeAlias = Mapping[tuple[str, int], tuple["Expr", Any]]

_node = dataclass(frozen=True, slots=True)


class Node:
    """Base of every IR node. `tag` and indexing (`node[0]` is the tag, then the fields) are a
    transition aid for code still written against the former tuple IR; new code uses `match`
    and the fields."""

    __slots__ = ()
    tag: ClassVar[str] = ""
    __match_args__: ClassVar[tuple[str, ...]] = ()

    def __reduce__(self) -> tuple[Any, ...]:
        # one constructor call per node when facts cross from a parser worker (the generated
        # slotted __getstate__/__setstate__ pair is several times slower)
        return (type(self), tuple(getattr(self, f) for f in self.__match_args__))

    def _tuple(self) -> tuple[Any, ...]:
        return (self.tag, *(getattr(self, f) for f in self.__match_args__))

    def __getitem__(self, i: Any) -> Any:
        if i == 0:
            return self.tag
        if type(i) is int and i > 0:
            return getattr(self, self.__match_args__[i - 1])
        return self._tuple()[i]

    def __len__(self) -> int:
        return 1 + len(self.__match_args__)

    def __iter__(self) -> Any:
        return iter(self._tuple())


# -- shared by expressions and values ---------------------------------------------------------
@_node
class Str(Node):
    tag = "str"
    value: str
    path: str | None = None
    line: int | None = None


@_node
class Num(Node):
    tag = "num"
    value: int | float


@_node
class Bool(Node):
    tag = "bool"
    value: bool


@_node
class Null(Node):
    tag = "null"


@_node
class Undef(Node):
    tag = "undef"


@_node
class Fn(Node):
    tag = "fn"
    fid: str
    env: Env | None = None  # values only: the bindings a closure keeps


@_node
class ClassRef(Node):
    tag = "class"
    cid: str


@_node
class Param(Node):
    tag = "param"
    fid: str
    index: int


@_node
class Unk(Node):
    tag = "unk"
    why: str


# -- expressions --------------------------------------------------------------------------------
@_node
class Id(Node):
    tag = "id"
    name: str
    scope: str


@_node
class Mem(Node):
    tag = "mem"
    obj: Expr
    prop: str


@_node
class Idx(Node):
    tag = "idx"
    obj: Expr
    index: Expr


@_node
class Call(Node):
    tag = "call"
    callee: Expr
    args: tuple[Expr, ...]
    fid: str
    n: int


@_node
class New(Node):
    tag = "new"
    callee: Expr
    args: tuple[Expr, ...]


@_node
class KV(Node):
    tag = "kv"
    key: str
    value: Expr


@_node
class Spread(Node):
    tag = "spread"
    value: Expr


@_node
class Obj(Node):
    tag = "obj"
    entries: tuple[KV | Spread, ...]


@_node
class Arr(Node):
    tag = "arr"
    items: tuple[Expr, ...]  # Spread among them


@_node
class Tpl(Node):
    tag = "tpl"
    parts: tuple[Expr, ...]


@_node
class Add(Node):
    tag = "add"
    left: Expr
    right: Expr


@_node
class Or(Node):
    tag = "or"
    left: Expr
    right: Expr


@_node
class Either(Node):
    tag = "either"
    a: Expr
    b: Expr


@_node
class Req(Node):
    tag = "req"
    spec: str
    path: str


@_node
class Imp(Node):
    tag = "imp"
    spec: str
    name: str
    path: str


@_node
class This(Node):
    tag = "this"
    fid: str


@_node
class Ret(Node):
    tag = "ret"
    fid: str


@_node
class BoundIR(Node):
    tag = "bound_ir"
    expr: Expr
    env: Env


@_node
class LoopMap(Node):
    tag = "loopmap"
    key: str
    items: Expr
    item: Expr


# -- values only -----------------------------------------------------------------------------------
@_node
class ObjV(Node):
    tag = "obj"
    entries: tuple[KV | Spread, ...]
    env: Env


@_node
class ArrV(Node):
    tag = "arr"
    items: tuple[Expr, ...]
    env: Env


@_node
class Inst(Node):
    tag = "inst"
    cid: str


@_node
class BoundFn(Node):
    tag = "bound"
    fid: str
    how: str  # "call" | "apply" | "bind"


@_node
class ModRef(Node):
    tag = "mod"
    path: str


@_node
class Ext(Node):
    tag = "ext"
    module: str
    names: tuple[str, ...]


@_node
class Global(Node):
    tag = "global"
    dotted: str


@_node
class Dispatch(Node):
    tag = "dispatch"
    entries: tuple[KV | Spread, ...]
    env: Env


@_node
class ArrayMethod(Node):
    tag = "arraymethod"
    arr: ArrV
    method: str


@_node
class StrMethod(Node):
    tag = "strmethod"
    text: str
    method: str


Literal: TypeAlias = Str | Num | Bool | Null | Undef
Expr: TypeAlias = (
    Str | Num | Bool | Null | Undef | Fn | ClassRef | Param | Unk | Id | Mem | Idx | Call | New | Spread | Obj
    | Arr | Tpl | Add | Or | Either | Req | Imp | This | Ret | BoundIR | LoopMap
)
Value: TypeAlias = (
    Str | Num | Bool | Null | Undef | Fn | ClassRef | Param | Unk | ObjV | ArrV | Inst | BoundFn | ModRef | Ext
    | Global | Dispatch | ArrayMethod | StrMethod
)
LITERALS = (Str, Num, Bool, Null, Undef)
# values that evaluate to themselves
TERMINAL = (Str, Num, Bool, Null, Undef, Fn, ClassRef, Unk, Ext, Global, ModRef, Inst)


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
