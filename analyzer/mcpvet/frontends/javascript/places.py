"""The few places a JavaScript path may be, each known: `Evidence.places`, as the Python frontend's
`pathplaces` gives them.

A helper that picks a folder per platform or from a setting (`getConfigDir()` returning
`$APPDATA/app`, `~/Library/Application Support/app` or `~/.config/app`; `process.env.X?.trim() ||
path.join(os.homedir(), ".app")`) writes to one of a few places. When every alternative is known
(a constant, a setting `$NAME`, the home `~` or temporary folder `/tmp`, joined with `path.join` /
`path.resolve`, through locals, `||`/`??`/`?:`, the returns of package functions and, for a parameter,
the arguments of every call of its function), they are the places; one unknown part makes them
unknown (None), never a guess.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from mcpvet.frontends.javascript.ir import Call, Either, Expr, Ext, Fn, Id, Idx, Mem, Node, Or, Param, Spread, Str, Tpl
from mcpvet.frontends.javascript.program import EMPTY

if TYPE_CHECKING:
    from mcpvet.frontends.javascript.program import Program

Places = frozenset[str]
MAX_PLACES = 12  # alternatives kept; more is "not a few places"
_DEPTH = 12
_ROOTS = {"homedir": "~", "tmpdir": "/tmp"}
_KEEP = frozenset({"trim", "toString", "normalize", "trimEnd", "trimStart"})  # methods that keep the path


def process_global(program: Program, ir: Node) -> bool:
    """`process` (the global, not a local of that name)."""
    return isinstance(ir, Id) and ir.name == "process" and program.lookup(ir.scope, "process") is None


def process_env(program: Program, ir: Node) -> bool:
    """`process.env`, of the global `process`."""
    return isinstance(ir, Mem) and ir.prop == "env" and process_global(program, ir.obj)


class PathPlaces:
    """Places of path expressions of one program, memoised by node."""

    def __init__(self, program: Program, join: Callable[[list[str]], str]) -> None:
        self.p = program
        self.join = join  # `path.join`'s text of known parts
        self._memo: dict[int, Places | None] = {}
        self._active: set[int] = set()

    def of(self, ir: Expr) -> tuple[str, ...]:
        """The places IR may be, sorted; () when not every one is known."""
        found = self._places(ir, 0)
        return tuple(sorted(found)) if found else ()

    def _places(self, ir: Expr, depth: int) -> Places | None:
        key = id(ir)
        if key in self._memo:
            return self._memo[key]
        if depth > _DEPTH or key in self._active:
            return None
        self._active.add(key)
        try:
            found = self._compute(ir, depth)
        finally:
            self._active.discard(key)
        if found is not None and len(found) > MAX_PLACES:
            found = None
        self._memo[key] = found
        return found

    def _compute(self, ir: Expr, depth: int) -> Places | None:
        value = self.p.value(ir, EMPTY)
        if isinstance(value, Str):
            return frozenset({value.value})
        match ir:
            case Id(name, scope):
                bound = self.p.lookup(scope, name)
                return self._places(bound, depth + 1) if bound is not None else None
            case Or(a, b) | Either(a, b):
                return _union(self._places(a, depth + 1), self._places(b, depth + 1))
            case Mem(obj, prop) if process_env(self.p, obj):
                return frozenset({f"${prop}"})
            case Idx(obj, Str(value=name)) if process_env(self.p, obj):
                return frozenset({f"${name}"})
            case Call(Mem(obj, prop), (), _fid, _n) if prop in _KEEP:
                return self._places(obj, depth + 1)
            case Call(callee, args, _fid, _n):
                return self._call(callee, args, depth)
            case Tpl(parts):
                return self._joined([[p] for p in parts], depth, concat=True)
            case Param(fid, index):
                return self._callers(fid, index, depth)
        return None

    def _call(self, callee: Expr, args: tuple[Expr, ...], depth: int) -> Places | None:
        value = self.p.value(callee, EMPTY)
        if isinstance(value, Ext):
            names = tuple(n for n in value.names if n != "default")
            module = value.module.removeprefix("node:")
            if module == "os" and len(names) == 1 and names[0] in _ROOTS:
                return frozenset({_ROOTS[names[0]]})
            if module == "path" and names in (("join",), ("resolve",)) and args:
                return self._joined([[a] for a in args], depth)
            if module == "path" and names == ("dirname",) and len(args) == 1:
                found = self._places(args[0], depth + 1)
                return frozenset(_dirname(t) for t in found) if found is not None else None
            return None
        f = self.p.functions.get(value.fid) if isinstance(value, Fn) else None
        if f is None or not f.returns:
            return None
        out: set[str] = set()
        for r in f.returns:
            found = self._places(r, depth + 1)
            if found is None:
                return None
            out |= found
        return frozenset(out)

    def _joined(self, parts: list[list[Expr]], depth: int, concat: bool = False) -> Places | None:
        """Every text of the parts joined (`path.join`) or written one after another (a template)."""
        texts: set[str] = {""} if concat else set()
        first = True
        for alternatives in parts:
            found: set[str] = set()
            for part in alternatives:
                if isinstance(part, Spread):
                    return None
                places = self._places(part, depth + 1)
                if places is None:
                    # a part not known after known ones (`${file}.${process.pid}.tmp`): somewhere under
                    # them (whether an argument chooses it is the data flow's matter, `controlled_by`)
                    return frozenset(t if t.endswith("…") else t + "…" for t in texts) if texts - {""} else None
                found |= places
            if first and not concat:
                texts = found
            else:
                texts = {(t + f) if concat else self.join([t, f]) for t in texts for f in found}
            first = False
            if len(texts) > MAX_PLACES:
                return None
        return frozenset(texts)

    def _callers(self, fid: str, index: int, depth: int) -> Places | None:
        """A parameter: what every call of its function passes for it (all of them found)."""
        if index < 0:
            return None
        sites = self.p.call_sites_of(fid)
        if not sites or len(sites) >= self.p.budgets.js_instances:
            return None
        out: set[str] = set()
        for args, _env in sites:
            if index >= len(args) or isinstance(args[index], Spread):
                return None
            found = self._places(args[index], depth + 1)
            if found is None:
                return None
            out |= found
        return frozenset(out)


def _dirname(text: str) -> str:
    """`path.dirname` of a known place; a setting's (`$CACHE_PATH`) stays itself: the folder it names a file in."""
    if text.startswith("$") and "/" not in text:
        return text
    head, sep, _tail = text.rstrip("/").rpartition("/")
    return head or sep or "."


def _union(a: Places | None, b: Places | None) -> Places | None:
    return a | b if a is not None and b is not None else None
