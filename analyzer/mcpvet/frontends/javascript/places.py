"""The few places a JavaScript path may be, each known: `Evidence.places`, as the Python frontend's
`pathplaces` gives them.

A helper that picks a folder per platform or from a setting (`getConfigDir()` returning
`$APPDATA/app`, `~/Library/Application Support/app` or `~/.config/app`; `process.env.X?.trim() ||
path.join(os.homedir(), ".app")`) writes to one of a few places. When every alternative is known
(a constant, a setting `$NAME`, the home `~` or temporary folder `/tmp`, joined with `path.join` /
`path.resolve`, through locals, `||`/`??`/`?:`, the returns of package functions, for a parameter
the arguments of every call of its function, and for the variable of a `for (const [name, target] of
PAIRS)` loop over an array written out, each element, or its part at a constant index), they are the
places; one unknown part makes them unknown (None), never a guess.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from mcpvet.analysis.placesets import MAX_PLACES, Places, bounded, in_package
from mcpvet.frontends.javascript.ir import (
    Arr,
    Call,
    Either,
    Expr,
    Ext,
    FileRef,
    Fn,
    Id,
    Idx,
    Mem,
    Node,
    Num,
    Or,
    Param,
    Spread,
    Str,
    Tpl,
    Value,
)
from mcpvet.frontends.javascript.program import EMPTY
from mcpvet.model import PACKAGE_PLACE
from mcpvet.sinks.programs import dependency_place

if TYPE_CHECKING:
    from mcpvet.frontends.javascript.program import Program

_DEPTH = 20  # as the Python frontend's: a setting's default through a few helpers is ~13 steps
_ROOTS = {"homedir": "~", "tmpdir": "/tmp"}
_WIDE = 8 * MAX_PLACES  # texts a join may make before `bounded` takes them by their folders
_LOOP = "#for@"  # in the id of a `for … of` loop, whose variable is its parameter 0
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
        self._cuts = 0  # answers cut by the depth or a node met inside itself, so far

    def of(self, ir: Expr) -> tuple[str, ...]:
        """The places IR may be, sorted; () when not every one is known."""
        found = self._places(ir, 0)
        return tuple(sorted(found)) if found else ()

    def _places(self, ir: Expr, depth: int) -> Places | None:
        key = id(ir)
        if key in self._memo:
            return self._memo[key]
        if depth > _DEPTH or key in self._active:
            self._cuts += 1
            return None
        cuts = self._cuts
        self._active.add(key)
        try:
            found = self._compute(ir, depth)
        finally:
            self._active.discard(key)
        if found is not None:
            found = bounded(found)
        if found is not None or self._cuts == cuts:  # an unknown found below a cut may be known from elsewhere
            self._memo[key] = found
        return found

    def installed(self, ir: Expr) -> str | None:
        """A path inside the installation itself (`model.PACKAGE_PLACE`): a file of the package found from
        its own folder (`path.join(__dirname, "cache.json")`) or a binary a dependency bundles and exports
        (`rgPath` of `@vscode/ripgrep`, under `node_modules`); else None."""
        return self._installed(self.p.value(ir, EMPTY))

    @staticmethod
    def _installed(value: Value) -> str | None:
        if isinstance(value, FileRef) and value.form == "" and value.path:
            return _inside_package(PACKAGE_PLACE + value.path)
        if isinstance(value, Ext) and (place := dependency_place(value.module, value.names)) is not None:
            return PACKAGE_PLACE + place
        return None

    def _compute(self, ir: Expr, depth: int) -> Places | None:
        value = self.p.value(ir, EMPTY)
        if isinstance(value, Str):
            return frozenset({value.value})
        if (inside := self._installed(value)) is not None:
            return frozenset({inside})
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
            case Param(fid, 0) if _LOOP in fid:
                return self._each(self._elements(ir), depth)
            case Param(fid, index):
                return self._callers(fid, index, depth)
            case Idx(obj, Num(value=int(at))):
                return self._each(self._parts(obj, at), depth)
        return None

    def _resolved(self, ir: Expr) -> Expr | None:
        """What a local names, through locals that name locals (None: not bound here)."""
        for _ in range(_DEPTH):
            if not isinstance(ir, Id):
                return ir
            bound = self.p.lookup(ir.scope, ir.name)
            if bound is None:
                return None
            ir = bound
        return None

    def _elements(self, ir: Expr) -> list[Expr] | None:
        """The values an expression may be, each known: its own for most, every element of the array written
        out that a `for … of` loop runs over for the loop's variable; None when that array is not known."""
        if not (isinstance(ir, Param) and _LOOP in ir.fid and ir.index == 0):
            return [ir]
        items = self.p.loop_items(ir.fid)
        array = self._resolved(items) if items is not None else None
        if not isinstance(array, Arr) or array.collection or len(array.items) > MAX_PLACES:
            return None
        if any(isinstance(item, Spread) for item in array.items):
            return None
        return list(array.items)

    def _parts(self, ir: Expr, at: int) -> list[Expr] | None:
        """`x[at]` of each value x may be, each an array written out (`[name, target]`); None otherwise."""
        values = self._elements(self._resolved(ir) or ir)
        if values is None:
            return None
        out: list[Expr] = []
        for value in values:
            array = self._resolved(value)
            if not isinstance(array, Arr) or at >= len(array.items) or any(
                    isinstance(item, Spread) for item in array.items[:at + 1]):
                return None
            out.append(array.items[at])
        return out

    def _each(self, alternatives: list[Expr] | None, depth: int) -> Places | None:
        """The places of every alternative, all known; None when one is not (or there are none)."""
        if not alternatives:
            return None
        out: set[str] = set()
        for alternative in alternatives:
            found = self._places(alternative, depth + 1)
            if found is None:
                return None
            out |= found
        return frozenset(out)

    def _call(self, callee: Expr, args: tuple[Expr, ...], depth: int) -> Places | None:
        value = self.p.value(callee, EMPTY)
        if isinstance(value, Ext):
            names = tuple(n for n in value.names if n != "default")
            module = value.module.removeprefix("node:")
            if module == "os" and len(names) == 1 and names[0] in _ROOTS:
                return frozenset({_ROOTS[names[0]]})
            if module == "path" and names in (("join",), ("resolve",)) and args:
                joined = self._joined([[a] for a in args], depth)
                return frozenset(_inside_package(t) for t in joined) if joined is not None else None
            if module == "path" and names == ("dirname",) and len(args) == 1:
                found = self._places(args[0], depth + 1)
                return frozenset(_dirname(t) for t in found) if found is not None else None
            return None
        f = self.p.functions.get(value.fid) if isinstance(value, Fn) else None
        return self._each(list(f.returns), depth) if f is not None else None

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
                # after a part whose end is not known (`~/.app/…`), what follows is not known either
                texts = {(t if t.endswith("…") else t + f) if concat else self.join([t, f]) for t in texts for f in found}
            first = False
            if len(texts) > _WIDE:
                return None
        return bounded(frozenset(texts))

    def _callers(self, fid: str, index: int, depth: int) -> Places | None:
        """A parameter: what every call of its function passes for it (all of them found)."""
        return self._each(self.p.passed(fid, index), depth)


def _inside_package(text: str) -> str:
    """A place in the installed package with its `..` steps taken (`<package>/dist/../x.json` →
    `<package>/x.json`, as `path.join` gives it); any other, or one that leaves the package, stays as written."""
    inside = in_package(text)
    return text if inside is None else PACKAGE_PLACE + inside


def _dirname(text: str) -> str:
    """`path.dirname` of a known place; a setting's (`$CACHE_PATH`) stays itself: the folder it names a file in."""
    if text.startswith("$") and "/" not in text:
        return text
    head, sep, _tail = text.rstrip("/").rpartition("/")
    return head or sep or "."


def _union(a: Places | None, b: Places | None) -> Places | None:
    return a | b if a is not None and b is not None else None
