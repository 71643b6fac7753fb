"""The checks of one Python function (`mcpvet.analysis.flow.Check`): tests that hold on a range of lines.

A test holds on the rest of its block when its failing branch never goes on (`raise`, `return`,
`continue`, `break`, `sys.exit()`, or a call of a package function every path of which raises,
such as `raise_tool_error(...)`), and on the branch it guards (`if name in ALLOWED: …`); an
`assert` holds on the rest of its block. A call made as a statement is a check on what its target
validates (`validate_name(name)` whose body raises unless the name is safe).

The tests read:
- membership: `x in C` / `x not in C` (C a constant collection or any container the package holds) —
  an allow-list, every role; C a parameter (`name in manager`): the check holds only where no tool
  argument makes the container (`Check.unless`, bound at each call: `x in args.allowed` restricts nothing);
- separators: `"/" in x` (also `os.sep`, `".." in x or "/" in x`) refused — a path role;
- character checks: `x.isalnum()`, `x.isdigit()` … — the roles of `alphabet.SAFE_WITH_WORDS`;
- anchored patterns: `re.fullmatch(P, x)`, `re.match(P, x)` with P ending in `$`/`\\Z`,
  `re.search(P, x)` with P anchored at both ends, a module's compiled pattern's `fullmatch`/`match`
  — the roles whose dangerous characters P cannot match (`alphabet.safe_roles`).
- extensions: `Path(x).suffix.lower() in {".png", ".jpg"}`, `os.path.splitext(x)[1] in …`, `x.endswith((".png",
  ".jpg"))`, `re.search(r"\\.(png|jpe?g)$", x)` — no allow-list of the path (it may be anywhere), but when
  every extension is a picture's, a sound's or a video's, a check of role `filetypes.MEDIA` on x: what a read of
  x returns is the caller's media (only the read's `flow.CONTENTS` pseudo-site honours it);
- predicates: a call of a package function whose true answer tells one of these (its `truths`:
  `return bool(ID.fullmatch(v))`, `return m is not None`, `return v in ALLOWED`, `return True` where a
  check holds), bound through the call (`if not is_valid_id(x): return …`).
`not`, `and` (when the test passes) and `or` (when it fails) combine them; `bool(t)`, `t is not None`
are `t`. The value checked must
be one value for the whole function: a parameter never reassigned, a local assigned once, or a
constant member of one (`args.name`, `arguments["name"]`).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

from mcpvet.analysis.alphabet import ROLES_SAFE_WITH_WORDS, anchored, safe_roles
from mcpvet.analysis.filetypes import MEDIA, media_only, media_suffix_pattern
from mcpvet.analysis.flow import Check, Refs
from mcpvet.frontends.python.astwalk import statement_blocks
from mcpvet.frontends.python.values import Const, Ext, Func, Seq, Value

if TYPE_CHECKING:
    from mcpvet.frontends.python.index import FuncInfo
    from mcpvet.frontends.python.taint import _FunctionScan

_CHARACTER_CHECKS = frozenset({"isalnum", "isdigit", "isdecimal", "isnumeric", "isidentifier", "isalpha"})
_EXITS = frozenset({"sys.exit", "os._exit", "builtins.exit", "builtins.quit"})
_SAFE_FLAGS = frozenset({"IGNORECASE", "I", "ASCII", "A", "UNICODE", "U"})
_RECEIVERS = frozenset({"self", "cls"})
_TEXT_CASES = frozenset({"lower", "upper", "casefold", "strip", "lstrip", "rstrip"})
_PATH_MAKERS = frozenset({"pathlib.Path", "pathlib.PurePath", "pathlib.PosixPath", "pathlib.PurePosixPath",
                          "anyio.Path"})


class Test(NamedTuple):
    """What a test tells when it has the value asked: the role it makes safe (or "any") and what it
    checks, or a package predicate's call that passed; `unless`: the allow-list is a parameter's
    (it holds only where no tool argument makes that container)."""

    role: str
    refs: Refs
    call: str | None = None
    unless: Refs = frozenset()

    def check(self, first: int, last: int, exits: bool = False) -> Check:
        return Check(self.role, self.refs, first, last, call=self.call, exits=exits and not self.unless,
                     predicate=self.call is not None, unless=self.unless)


_FALSE = (None, False, 0, "")


class GuardReader:
    """The checks of the function a `_FunctionScan` reads, added to its flow."""

    def __init__(self, scan: _FunctionScan) -> None:
        self.s = scan
        self.f = scan.f
        self._raising: dict[str, bool] = {}

    def run(self) -> None:
        node = self.f.node
        if isinstance(node, ast.Lambda):
            return
        self.block(node.body, top=True)
        self.s.flow.truths = self.truths(node)

    def truths(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> list[tuple[int, list[Check]]] | None:
        """A predicate's places of returning something true, each with what its test tells: every
        `return` gives a false constant (or nothing), `True` (what holds there is the checks on its
        line), or a test read here (`bool(RE.fullmatch(v))`, `m is not None`, `v in ALLOWED`)."""
        if isinstance(node, ast.AsyncFunctionDef):
            return None
        out: list[tuple[int, list[Check]]] = []
        for n in self.s.ev.p.local_nodes(node.body):
            if isinstance(n, ast.Yield | ast.YieldFrom):
                return None
            if not isinstance(n, ast.Return) or not self.s.live(n):
                continue
            value = n.value
            if value is None or isinstance(value, ast.Constant) and value.value in _FALSE and value.value is not True:
                continue
            if isinstance(value, ast.Constant) and value.value is True:
                out.append((n.lineno, []))
                continue
            tests = self.tests(value, True)
            if not tests:
                return None
            out.append((n.lineno, [t.check(0, 0) for t in tests]))
        return out or None

    # ------------------------------------------------------------------ blocks
    def block(self, body: list[ast.stmt], top: bool = False) -> None:
        if not body:
            return
        last = body[-1].end_lineno or body[-1].lineno
        returned = False  # a `return` before a check of the function's body lets a caller past it
        for stmt in body:
            if not self.s.live(stmt):
                continue
            end = stmt.end_lineno or stmt.lineno
            rest = (end + 1, last)
            exits = top and not returned
            if isinstance(stmt, ast.If):
                self.branch(stmt, rest, exits)
            elif isinstance(stmt, ast.Assert):
                for t in self.tests(stmt.test, True):
                    self.add(t.check(*rest, exits=exits))
            elif isinstance(stmt, ast.Expr):
                call = stmt.value.value if isinstance(stmt.value, ast.Await) else stmt.value
                if isinstance(call, ast.Call):
                    cid = self.s.call_id(call)
                    if cid in self.s.flow.calls:
                        self.add(Check("any", frozenset(), *rest, call=cid, exits=exits))
            for child in statement_blocks(stmt):
                self.block(child)
            if top and not returned:
                returned = any(isinstance(n, ast.Return) for n in _walk(stmt))

    def branch(self, stmt: ast.If, rest: tuple[int, int], exits: bool) -> None:
        failing = self.tests(stmt.test, False)  # what holds when the test is false
        passing = self.tests(stmt.test, True)
        if stmt.body and self.fails(stmt.body):
            raises = self.raises(stmt.body)
            for t in failing:
                self.add(t.check(*rest, exits=exits and raises))
        if stmt.orelse and self.fails(stmt.orelse):
            for t in passing:
                self.add(t.check(*rest, exits=exits and self.raises(stmt.orelse)))
        for body, tests in ((stmt.body, passing), (stmt.orelse, failing)):
            if body and tests:
                span = (body[0].lineno, body[-1].end_lineno or body[-1].lineno)
                for t in tests:
                    self.add(t.check(*span))

    def add(self, check: Check) -> None:
        if (check.refs or check.call) and (check.first <= check.last or check.exits):
            self.s.flow.checks.append(check)

    # ------------------------------------------------------------------ failing branches
    def fails(self, body: list[ast.stmt]) -> bool:
        """The branch never reaches the statement after its `if`."""
        last = body[-1]
        if isinstance(last, (ast.Return, ast.Continue, ast.Break)):
            return True
        return self.raises(body)

    def raises(self, body: list[ast.stmt], depth: int = 0) -> bool:
        """Every path through BODY ends in an exception (a `raise`, `sys.exit()`, an always-raising call)."""
        if not body or depth > 4:
            return False
        last = body[-1]
        if isinstance(last, ast.Raise):
            return True
        if isinstance(last, ast.If):
            return self.raises(last.body, depth + 1) and self.raises(last.orelse, depth + 1)
        if isinstance(last, ast.With | ast.AsyncWith):
            return self.raises(last.body, depth + 1)
        if isinstance(last, ast.Expr):
            awaited = isinstance(last.value, ast.Await)
            call = last.value.value if isinstance(last.value, ast.Await) else last.value
            return isinstance(call, ast.Call) and self.raising_call(call, awaited, depth)
        return False

    def raising_call(self, call: ast.Call, awaited: bool, depth: int) -> bool:
        values = self.s.ev.ev(call.func, self.s.scope)
        if not values:
            return False
        for v in values:
            if isinstance(v, Ext) and v.qualname in _EXITS:
                continue
            if not isinstance(v, Func):
                return False
            info = self.s.o.p.funcs.get(v.qualname)
            if info is None or not self.always_raises(info, awaited, depth):
                return False
        return True

    def always_raises(self, info: FuncInfo, awaited: bool, depth: int) -> bool:
        """A package function that never returns: no `return` or `yield`, and its body ends raising."""
        node = info.node
        if isinstance(node, ast.Lambda) or (isinstance(node, ast.AsyncFunctionDef) and not awaited):
            return False
        found = self._raising.get(info.qualname)
        if found is None:
            self._raising[info.qualname] = False  # recursion: not known to raise
            found = not any(isinstance(n, ast.Return | ast.Yield | ast.YieldFrom) for s in node.body for n in _walk(s)) \
                and self.raises(node.body, depth + 1)
            self._raising[info.qualname] = found
        return found

    # ------------------------------------------------------------------ tests
    def tests(self, test: ast.expr, passes: bool) -> list[Test]:
        """What TEST tells of the values it checks when it evaluates to PASSES."""
        if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
            return self.tests(test.operand, not passes)
        if isinstance(test, ast.BoolOp):
            # `a and b` true: both hold; `a or b` false: neither holds
            if isinstance(test.op, ast.And) == passes:
                out: list[Test] = []
                for v in test.values:
                    out += self.tests(v, passes)
                return out
            return []
        if isinstance(test, ast.Compare) and len(test.ops) == 1:
            right = test.comparators[0]
            if isinstance(test.ops[0], ast.Is | ast.IsNot) and isinstance(right, ast.Constant) and right.value is None:
                return self.tests(test.left, passes == isinstance(test.ops[0], ast.IsNot))  # `m is not None`
            return self.compare(test, passes)
        if isinstance(test, ast.Call) and len(test.args) == 1 and not test.keywords and self.builtin(test.func, "bool"):
            return self.tests(test.args[0], passes)
        if isinstance(test, ast.Call) and passes:
            return self.call_test(test)
        return []

    def builtin(self, node: ast.expr, name: str) -> bool:
        return isinstance(node, ast.Name) and node.id == name and node.id not in self.f.bindings and all(
            isinstance(v, Ext) and v.qualname == f"builtins.{name}" for v in self.s.ev.ev(node, self.s.scope))

    def compare(self, test: ast.Compare, passes: bool) -> list[Test]:
        op = test.ops[0]
        if not isinstance(op, ast.In | ast.NotIn):
            return []
        inside = isinstance(op, ast.In) == passes  # the left side is in the right one
        left, right = test.left, test.comparators[0]
        text = self.s_const(left)
        if text is not None:  # `"/" in name`: a separator refused
            if not inside and "/" in text:
                checked = self.value(right)
                return [Test("path", checked)] if checked else []
            return []
        if not inside:
            return []
        subject = extension_subject(self.s, left)
        if subject is not None:  # an extension allow-list: the kind of file, not where it is (`filetypes`)
            named = self.value(subject)
            return [Test(MEDIA, named)] if named and media_only(self.strings(right)) else []
        checked = self.value(left)
        if not checked:
            return []
        if self.given(right):  # a parameter's container: an allow-list only where no tool argument makes it
            container = self.s.refs(right)
            return [Test("any", checked, unless=container)] if container else []
        if self.filled(right):
            return []
        return [Test("any", checked)]

    def call_test(self, call: ast.Call) -> list[Test]:
        func = call.func
        cid = self.s.call_id(call)
        if cid in self.s.flow.calls and any(isinstance(v, Func) for v in self.s.ev.ev(func, self.s.scope)):
            return [Test("any", frozenset(), cid)]  # a package predicate: what its true answer tells (`truths`)
        if not isinstance(func, ast.Attribute):
            return []
        if func.attr == "endswith" and len(call.args) == 1 and not call.keywords:
            # `src.lower().endswith((".png", ".jpg"))`: a picture's name, wherever it is (`filetypes`)
            subject = _cased(func.value)
            named = self.value(subject)
            return [Test(MEDIA, named)] if named and media_only(self.strings(call.args[0])) else []
        if func.attr in _CHARACTER_CHECKS and not call.args:
            checked = self.value(func.value)
            return [Test(role, checked) for role in ROLES_SAFE_WITH_WORDS] if checked else []
        if func.attr not in ("fullmatch", "match", "search"):
            return []
        receiver = self.s.ev.ev(func.value, self.s.scope)
        if any(isinstance(v, Ext) and v.qualname == "re" for v in receiver) or (
                isinstance(func.value, ast.Name) and func.value.id == "re"):
            if len(call.args) < 2:
                return []
            pattern, subject = self.s_const(call.args[0]), call.args[1]
            flag_nodes = [*call.args[2:3], *(k.value for k in call.keywords if k.arg == "flags")]
        else:
            compiled = self.compiled(func.value)
            if compiled is None or not call.args:
                return []
            pattern, flag_nodes = compiled
            subject = call.args[0]
        if pattern is None:
            return []
        flags = _flags(flag_nodes)
        if flags is None:
            return []
        if media_suffix_pattern(pattern, flags):  # `re.search(r"\.(png|jpe?g)$", src, re.I)`: a picture's name
            named = self.value(subject)
            return [Test(MEDIA, named)] if named else []
        start = func.attr == "search"
        end = func.attr != "fullmatch"
        if end and not anchored(pattern, start, end, flags):
            return []
        checked = self.value(subject)
        if not checked:
            return []
        dollar = end and not pattern.endswith("\\Z")  # `$` also matches before a final newline
        return [Test(role, checked) for role in safe_roles(pattern, flags, trailing_newline=dollar)]

    def compiled(self, node: ast.expr) -> tuple[str | None, list[ast.expr]] | None:
        return module_pattern(self.s, node)

    # ------------------------------------------------------------------ values
    def s_const(self, node: ast.expr) -> str | None:
        if isinstance(node, ast.Attribute) and node.attr == "sep" and isinstance(node.value, ast.Name) \
                and node.value.id in ("os", "posixpath"):
            return "/"
        return _const_text(self.s, node)

    def value(self, node: ast.expr) -> Refs:
        """The references of NODE when it is one value for the whole function, else none."""
        root: ast.expr = node
        while True:
            if isinstance(root, ast.Attribute) or isinstance(root, ast.Subscript) and isinstance(root.slice, ast.Constant) \
                    and isinstance(root.slice.value, str | int):
                root = root.value
            else:
                break
        if not isinstance(root, ast.Name):
            return frozenset()
        bindings = self.f.bindings.get(root.id)
        if not bindings:
            return frozenset()
        if not all(b.kind == "param" for b in bindings) and not (
                len(bindings) == 1 and bindings[0].kind == "assign" and not bindings[0].path):
            return frozenset()
        return self.s.refs(node)

    def strings(self, node: ast.expr) -> list[str] | None:
        """The strings of a constant collection (a set, tuple or list written out, or a name bound to one), else None."""
        out: list[str] = []
        for v in self.s.ev.ev(node, self.s.scope):
            items: list[frozenset[Value]] | None
            if isinstance(v, Seq):
                items = list(v.items)
            elif isinstance(v, Const) and isinstance(v.value, (tuple, str)):
                items = [frozenset({Const(x)}) for x in (v.value if isinstance(v.value, tuple) else (v.value,))]
            else:
                return None
            for item in items:
                if len(item) != 1 or not isinstance(c := next(iter(item)), Const) or not isinstance(c.value, str):
                    return None
                out.append(c.value)
        return out or None

    def filled(self, node: ast.expr) -> bool:
        """NODE is a module global the package's functions fill with members made of their own parameters
        (`LABELS[name] = color`, `SEEN.add(url)`): what was passed to them before is in it, so it allows
        nothing the model could not have put there."""
        if not isinstance(node, ast.Name) or node.id in self.f.bindings:
            return False
        module = self.s.o.p.modules.get(self.f.module)
        for b in module.bindings.get(node.id, ()) if module is not None else ():
            member = b.extra if b.kind == "setitem" else b.node if b.kind == "append" else None
            owner = self.s.o.p.funcs.get(b.owner)
            if isinstance(member, ast.expr) and owner is not None and _made_of_params(member, owner):
                return True
        return False

    def given(self, node: ast.expr) -> bool:
        """NODE is (a member of) a parameter other than the receiver, or a local made from one."""
        root: ast.expr = node
        while isinstance(root, ast.Attribute | ast.Subscript):
            root = root.value
        if not isinstance(root, ast.Name):
            return False
        bindings = self.f.bindings.get(root.id, [])
        if any(b.kind == "param" for b in bindings):
            return root.id not in _RECEIVERS
        return any(b.kind == "assign" and isinstance(b.node, ast.expr) and b.node is not node
                   and isinstance(b.node, ast.Name | ast.Attribute | ast.Subscript) and self.given(b.node)
                   for b in bindings)


def extension_subject(scan: _FunctionScan, node: ast.expr, depth: int = 0) -> ast.expr | None:
    """X of an extension read from the path X: `Path(x).suffix`, `os.path.splitext(x)[1]`, `x.rsplit(".", 1)[-1]`,
    also lower-cased or stripped and through a local assigned once; else None."""
    node = _cased(node)
    if isinstance(node, ast.Name) and depth < 3:
        bindings = scan.f.bindings.get(node.id, [])
        if len(bindings) == 1 and bindings[0].kind == "assign" and not bindings[0].path \
                and isinstance(bindings[0].node, ast.expr):
            return extension_subject(scan, bindings[0].node, depth + 1)
        return None
    if isinstance(node, ast.Attribute) and node.attr == "suffix":
        made = node.value
        if isinstance(made, ast.Call) and len(made.args) == 1 and not made.keywords and any(
                isinstance(v, Ext) and v.qualname in _PATH_MAKERS for v in scan.ev.ev(made.func, scan.scope)):
            return made.args[0]
        return made
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and node.slice.value in (1, -1) \
            and isinstance(node.value, ast.Call):
        call = node.value
        if len(call.args) == 1 and any(isinstance(v, Ext) and v.qualname in ("os.path.splitext", "posixpath.splitext")
                                       for v in scan.ev.ev(call.func, scan.scope)):
            return call.args[0]
        if isinstance(call.func, ast.Attribute) and call.func.attr in ("rsplit", "split") and call.args \
                and _const_text(scan, call.args[0]) == "." and node.slice.value == -1:
            return call.func.value
    return None


def _const_text(scan: _FunctionScan, node: ast.expr) -> str | None:
    """The one constant string NODE is, else None."""
    values = scan.ev.ev(node, scan.scope)
    one = next(iter(values)) if len(values) == 1 else None
    return one.value if isinstance(one, Const) and isinstance(one.value, str) else None


def _cased(node: ast.expr) -> ast.expr:
    """NODE with its case changes and strips taken off (`x.lower().strip(".")` → `x`)."""
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _TEXT_CASES:
        node = node.func.value
    return node


def _made_of_params(node: ast.expr, f: FuncInfo) -> bool:
    """NODE reads a parameter of F other than its receiver, directly or through a local assigned from one."""
    names = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
    params = set(f.params) - _RECEIVERS
    if names & params:
        return True
    return any(b.kind == "assign" and isinstance(b.node, ast.expr)
               and any(isinstance(n, ast.Name) and n.id in params for n in ast.walk(b.node))
               for name in names for b in f.bindings.get(name, ()))


def _flags(nodes: list[ast.expr]) -> int | None:
    """The `re` flags given (only case and character-class flags are understood), or None."""
    value = 0
    for node in nodes:
        for part in _or_parts(node):
            name = part.attr if isinstance(part, ast.Attribute) else part.id if isinstance(part, ast.Name) else None
            if name not in _SAFE_FLAGS:
                return None
            value |= getattr(re, name)
    return value


def _or_parts(node: ast.expr) -> Iterator[ast.expr]:
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        yield from _or_parts(node.left)
        yield from _or_parts(node.right)
    else:
        yield node




def _walk(stmt: ast.stmt) -> Iterator[ast.AST]:
    """The nodes of STMT, not entering nested functions, lambdas or classes."""
    todo: list[ast.AST] = [stmt]
    while todo:
        n = todo.pop()
        yield n
        for c in ast.iter_child_nodes(n):
            if not isinstance(c, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
                todo.append(c)


def module_pattern(scan: _FunctionScan, node: ast.expr) -> tuple[str | None, list[ast.expr]] | None:
    """`NAME = re.compile(P, flags)` at module level, NAME read in SCAN's function: P (None when it is
    not one constant text) and the flags."""
    if not isinstance(node, ast.Name) or node.id in scan.f.bindings:
        return None
    m = scan.o.p.modules.get(scan.f.module)
    bindings = m.bindings.get(node.id, ()) if m is not None else ()
    if len(bindings) != 1 or not isinstance(bindings[0].node, ast.Call):
        return None
    made = bindings[0].node
    scope = scan.ev.module_scope(scan.f.module)
    if not made.args or not any(isinstance(v, Ext) and v.qualname == "re.compile" for v in scan.ev.ev(made.func, scope)):
        return None
    values = scan.ev.ev(made.args[0], scope)
    only = next(iter(values)) if len(values) == 1 else None
    text = only.value if isinstance(only, Const) and isinstance(only.value, str) else None
    flags = [*made.args[1:2], *(k.value for k in made.keywords if k.arg == "flags")]
    return text, flags
