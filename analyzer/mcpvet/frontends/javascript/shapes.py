"""Shapes of a JavaScript/TypeScript tool's handler, read from the frontend's IR: the constant text
it returns, and the loops and allocations that can exhaust the machine (`mcpvet.model.CodeShapes`;
the facts stage hands them to the tool-threats check).

The handler's code is its function (or the dispatch branch for the tool), the branches and the
functions written inside it; extraction records what those show (`FunctionFacts.shapes`).

Returned text: the constant parts of every `text: …` property and every returned value that is
not an object or array literal (those show their `text:` properties): strings, template and `+`
parts, names followed to what they are bound to (locals, module constants, imports), and the
values returned by the package's functions it calls (helpers), three levels deep.

Exhaustion: `while (true)` / `for (;;)` loops with no `break`/`return`/`throw` that spawn, fork or
start workers, or grow an array or string; `for (let i = 0; i < n; …)` spawning where `n` is a
parameter or 10,000 or more; `x.repeat(n)`, `Buffer.alloc(n)`, `new Array(n)` (and typed arrays),
`Array.from({length: n})` sized by a parameter the handler never compares or clamps
(`Math.min`/`Math.max`), or by a constant of `HUGE_ALLOCATION` or more.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from mcpvet.frontends.javascript.facts import IR, FunctionFacts
from mcpvet.frontends.javascript.ir import (
    KV,
    Add,
    Arr,
    Call,
    Either,
    Fn,
    Id,
    Imp,
    Mem,
    New,
    Node,
    Num,
    Obj,
    Or,
    Spread,
    Str,
    Tpl,
    children,
)
from mcpvet.frontends.javascript.program import EMPTY, Program
from mcpvet.model import CodeShapes, Exhaustion, Location
from mcpvet.model.core import HUGE_ALLOCATION, RETURNED_MIN_LETTERS

MAX_TEXTS = 40  # returned texts per tool
MAX_DEPTH = 3  # names and helpers followed from one text
MAX_NODES = 2000  # IR nodes read for one text
MAX_CHARS = 4000  # of one text
MANY_SPAWNS = 10_000  # a constant loop bound that is an exhaustion by itself
_IDENT = re.compile(r"[A-Za-z_$][\w$]*")
_TYPED_ARRAYS = frozenset({"Array", "ArrayBuffer", "Uint8Array", "Int32Array", "Float64Array", "SharedArrayBuffer"})


def children_index(program: Program) -> dict[str, list[str]]:
    """Function id -> the functions and branches written directly inside it."""
    out: dict[str, list[str]] = {}
    for fid, f in program.functions.items():
        if f.parent is not None:
            out.setdefault(f.parent, []).append(fid)
    for kids in out.values():
        kids.sort()
    return out


def handler_code(program: Program, fid: str, kids: Mapping[str, list[str]]) -> list[FunctionFacts]:
    """The handler's function (or branch) and every function and branch written inside it."""
    out: list[FunctionFacts] = []
    stack, seen = [fid], set()
    while stack:
        cur = stack.pop()
        if cur in seen or cur not in program.functions:
            continue
        seen.add(cur)
        out.append(program.functions[cur])
        stack.extend(reversed(kids.get(cur, ())))
    return out


def tool_shapes(program: Program, tool: str, declared_at: Location, handler: str,
                params: Iterable[str], kids: Mapping[str, list[str]], texts: _Texts | None = None) -> CodeShapes:
    code = handler_code(program, handler, kids)
    return CodeShapes(tool, declared_at, tuple((texts or _Texts(program, kids)).of(code)),
                      tuple(exhaustion(program, code, set(params))))


class _Texts:
    """Constant text of IR expressions, names and helpers followed."""

    def __init__(self, program: Program, kids: Mapping[str, list[str]]) -> None:
        self.p = program
        self.kids = kids
        self.nodes = 0
        # the text of each `text:` / `return` record, read once for all the tools whose code holds it
        # (a dispatcher's handler is the code of many tools)
        self.done: dict[int, tuple[tuple[Any, ...], str]] = {}

    def of(self, code: list[FunctionFacts]) -> list[tuple[Location, str]]:
        found: list[tuple[int, str, str]] = []
        for f in code:
            for shape in f.shapes:
                if shape[0] not in ("text", "return") or (shape[0] == "return" and isinstance(shape[2], (Obj, Arr))):
                    continue
                text = self.text(shape)
                if text:
                    found.append((shape[1], f.path, text[:MAX_CHARS]))
        found.sort(key=lambda t: t[0])  # stable: in the order written within a line
        return [(Location(path, line), text) for line, path, text in found[:MAX_TEXTS]]

    def text(self, shape: tuple[Any, ...]) -> str:
        """The constant text of one record ("" when it has too few letters to judge)."""
        done = self.done.get(id(shape))
        if done is not None and done[0] is shape:
            return done[1]
        self.nodes = 0
        text = " ".join(p for p in self.pieces(shape[2], 0, set()) if p.strip())
        text = text if sum(c.isalpha() for c in text) >= RETURNED_MIN_LETTERS else ""
        self.done[id(shape)] = (shape, text)
        return text

    def pieces(self, ir: IR, depth: int, seen: set[object]) -> list[str]:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            return []
        match ir:
            case Str(value):
                return [value]
            case Tpl(parts):
                return [piece for part in parts for piece in self.pieces(part, depth, seen)]
            case Add(a, b) | Or(a, b) | Either(a, b):
                return self.pieces(a, depth, seen) + self.pieces(b, depth, seen)
            case Id(name, scope):
                if depth >= MAX_DEPTH or (scope, name) in seen:
                    return []
                seen.add((scope, name))
                bound = self.p.lookup(scope, name)
                return self.pieces(bound, depth + 1, seen) if bound is not None else []
            case Imp() | Mem():
                folded = self.p.value(ir, EMPTY)
                return [folded.value] if isinstance(folded, Str) else []
            case Call(callee, args):
                out = self.helper(callee, depth, seen)
                return out + [piece for a in args for piece in self.pieces(a, depth, seen)]
            case New(_, args):
                return [piece for a in args for piece in self.pieces(a, depth, seen)]
            case Obj(entries):
                return [piece for e in entries for piece in self.pieces(e.value, depth, seen)]
            case Arr(items):
                return [piece for item in items for piece in self.pieces(item, depth, seen)]
            case Spread(inner):
                return self.pieces(inner, depth, seen)
        return []

    def helper(self, callee: IR, depth: int, seen: set[object]) -> list[str]:
        """What a function of the package that is called returns (its `text:` properties and
        returned values that are not object or array literals)."""
        if depth >= MAX_DEPTH:
            return []
        target = self.p.value(callee, EMPTY)
        if not isinstance(target, Fn) or target.fid in seen or target.fid not in self.p.functions:
            return []
        seen.add(target.fid)
        out: list[str] = []
        for f in handler_code(self.p, target.fid, self.kids):
            for shape in f.shapes:
                if shape[0] == "text" or (shape[0] == "return" and not isinstance(shape[2], (Obj, Arr))):
                    out.extend(self.pieces(shape[2], depth + 1, seen))
        return out


def _names(ir: IR | Node) -> list[str]:
    """The names in an expression in the order written (`Number(args.size)`: Number, args, size)."""
    out: list[str] = []
    stack: list[object] = [ir]
    while stack and len(out) < 50:
        node: object = stack.pop()
        if isinstance(node, tuple):
            stack.extend(reversed(node))
            continue
        if isinstance(node, Id):
            out.append(node.name)
        elif isinstance(node, Mem):
            stack.append(node.prop)  # popped after the object's names
            stack.append(node.obj)
            continue
        elif isinstance(node, str):
            out.append(node)  # a property name pushed above
        elif isinstance(node, Node) and not isinstance(node, (Str, KV)):
            stack.extend(reversed(children(node)))
        elif isinstance(node, KV):
            stack.append(node.value)
    return out


def _describe(ir: IR) -> str:
    match ir:
        case Id(name):
            return name
        case Mem(obj, prop):
            return f"{_describe(obj)}.{prop}"
        case Num(value):
            return str(value)
        case Str(value):
            return repr(value)
        case Call(callee):
            return f"{_describe(callee)}(…)"
    return "…"


class _Sizes:
    """What sizes a loop or an allocation in the handler's code, and whether the handler bounds it."""

    def __init__(self, program: Program, code: list[FunctionFacts], params: set[str]) -> None:
        self.p = program
        self.params = params
        self.bounded: set[str] = set()
        for f in code:
            for shape in f.shapes:
                if shape[0] == "cmp":
                    self.bounded.update(shape[2])
            for call in f.calls:
                if isinstance(call.callee, Mem) and isinstance(call.callee.obj, Id) and \
                        call.callee.obj.name == "Math" and call.callee.prop in ("min", "max"):
                    self.bounded.update(n for a in call.args for n in _names(a))

    def of(self, names: list[str], number: float | None, scope: str) -> tuple[str | None, int | None]:
        """The parameter (or the huge constant) that sizes it."""
        if number is not None:
            return None, int(number)
        for name in reversed(names):
            if name in self.params:
                return name, None
            bound = self.p.lookup(scope, name)
            if bound is not None:
                for inner in reversed(_names(bound)):
                    if inner in self.params:
                        return inner, None
        return None, None


def exhaustion(program: Program, code: list[FunctionFacts], params: set[str]) -> list[tuple[str, Exhaustion]]:
    sizes = _Sizes(program, code, params)
    out: list[tuple[str, Exhaustion]] = []
    for f in code:
        for shape in f.shapes:
            if shape[0] == "loop":
                _, line, header, exits, spawn, grows = shape
                if exits:
                    continue
                if spawn is not None:
                    what = "fork loop" if "fork" in spawn else "thread loop" if "Worker" in spawn else "spawn loop"
                    out.append((f.path, Exhaustion(line, what, f"loop `{header} … }}` with no exit runs `{spawn}`")))
                elif grows:
                    out.append((f.path, Exhaustion(line, "allocation loop",
                                                   f"loop `{header} … }}` with no exit grows an array")))
            elif shape[0] == "count":
                _, line, bound, spawn = shape
                number = _number(bound)
                param, value = sizes.of(_IDENT.findall(bound) if number is None else [], number, f.fid)
                if param is not None and param not in sizes.bounded:
                    out.append((f.path, Exhaustion(line, "spawn loop",
                                                   f"loop up to `{bound}` runs `{spawn}` as many times as `{param}` says",
                                                   param)))
                elif value is not None and value >= MANY_SPAWNS:
                    out.append((f.path, Exhaustion(line, "spawn loop", f"loop runs `{spawn}` {value} times")))
        for call in f.calls:
            site = _allocation(call.callee, call.args, call.is_new)
            if site is None:
                continue
            code_text, arg = site
            number = float(arg.value) if isinstance(arg, Num) else None
            param, value = sizes.of(_names(arg), number, f.fid)
            argname = _describe(arg).rsplit(".", 1)[-1]
            if param is not None and param not in sizes.bounded and not (
                    param != _describe(arg) and argname in sizes.bounded):
                out.append((f.path, Exhaustion(call.line, "allocation", f"`{code_text}` allocates as much as `{param}` says",
                                               param)))
            elif value is not None and value >= HUGE_ALLOCATION:
                out.append((f.path, Exhaustion(call.line, "allocation", f"`{code_text}` allocates {value:,} items")))
    return out


def _number(text: str) -> float | None:
    try:
        return float(text.replace("_", ""))
    except ValueError:
        return None


def _allocation(callee: IR, args: tuple[IR, ...], is_new: bool) -> tuple[str, IR] | None:
    """(the allocation as code, its size argument) of `x.repeat(n)`, `Buffer.alloc(n)`, `new Array(n)`,
    `Array.from({length: n})`; None for any other call."""
    if not args or isinstance(args[0], Spread):
        return None
    first = args[0]
    match callee:
        case Id(name) if is_new and name in _TYPED_ARRAYS and len(args) == 1:
            return f"new {name}({_describe(first)})", first
        case Mem(_, "repeat") if not is_new and len(args) == 1:
            return f".repeat({_describe(first)})", first
        case Mem(Id("Buffer"), "alloc" | "allocUnsafe" as how) if not is_new:
            return f"Buffer.{how}({_describe(first)})", first
        case Mem(Id("Array"), "from") if not is_new and isinstance(first, Obj):
            for entry in first.entries:
                if isinstance(entry, KV) and entry.key == "length":
                    return f"Array.from({{ length: {_describe(entry.value)} }})", entry.value
    return None


def program_shapes(program: Program, tools: Iterable[tuple[str, Location, str, Iterable[str]]]) -> tuple[CodeShapes, ...]:
    """The shapes of each tool: (name, where declared, handler function id, its parameters' names)."""
    kids = children_index(program)
    texts = _Texts(program, kids)
    program.focus = program.focus_tool = None
    return tuple(tool_shapes(program, name, at, handler, params, kids, texts) for name, at, handler, params in tools)
