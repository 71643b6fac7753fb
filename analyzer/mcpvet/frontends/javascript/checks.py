"""The checks of a JavaScript/TypeScript block, read from its syntax (see `mcpvet.analysis.flow.Check`).

A test holds on the rest of its block when its failing branch never goes on (`throw`, `return`,
`continue`, `break`, or a call of a package function that always throws — which only the program
can tell, so the call's callee is kept with the check), and on the branch it guards. A call made
as a statement is a check on what its target validates.

The tests read (the value checked: an identifier or a chain of constant members, `args.name`):
- membership: `ALLOWED.includes(x)`, `SET.has(x)`, `x in MAP`, `MAP.hasOwnProperty(x)`,
  `Object.hasOwn(MAP, x)`, `Object.keys(MAP).includes(x)` — an allow-list, every role;
- separators: `x.includes("/")` (or `path.sep`), `x.indexOf("/") !== -1`, an unanchored pattern
  of one character class with `/` (`/[\\/\\\\]/.test(x)`) refused; `path.isAbsolute(x)` together
  with `x.includes("..")` refused — a path role;
- anchored patterns: `/^[\\w-]+$/.test(x)`, `x.match(/^…$/)` (a literal, or a name bound to one in
  the file), not multi-line — the roles whose dangerous characters the pattern cannot match.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from tree_sitter import Node

from mcpvet.analysis.alphabet import contains_character
from mcpvet.frontends.javascript.strings import node_text, string_value

_FUNCTIONS = frozenset({"function_declaration", "function_expression", "function", "arrow_function",
                        "method_definition", "generator_function_declaration", "generator_function"})
_LEAVES = frozenset({"return_statement", "throw_statement", "continue_statement", "break_statement"})


@dataclass(frozen=True)
class Test:
    kind: str  # "any", "path", "regex", or the partial facts "abs" / "dots" (no absolute path, no `..`: a path together)
    checked: Node
    extra: Any = None  # "any": the container node; "regex": (pattern, flags)


@dataclass(frozen=True)
class Found:
    """One check of a block: the test, where it holds, whether it holds until the function returns,
    and the callee of the failing branch's last call when that is what must throw."""

    test: Test | None
    first: int
    last: int
    exits: bool
    via: Node | None = None
    call: tuple[int, int] | None = None  # (line, column) of a validator call made as a statement
    # a check of the function's body made after early returns that are all `if (COND) return;` (nothing
    # handed back): the names each COND reads (`if (isUrl(src)) return;` before an extension check of `src`)
    early: tuple[frozenset[str], ...] = ()


def _inner(node: Node) -> Node:
    while node.type in ("parenthesized_expression", "non_null_expression", "as_expression") and node.named_children:
        node = node.named_children[0]
    return node


def _line(node: Node) -> int:
    return node.start_point[0] + 1


def _end(node: Node) -> int:
    return node.end_point[0] + 1


def _real(stmts: list[Node]) -> list[Node]:
    return [s for s in stmts if s.type not in ("comment", "empty_statement")]


def _body(node: Node | None) -> list[Node]:
    """The statements of a branch (a block, an `else` clause, or one statement)."""
    if node is None:
        return []
    if node.type == "else_clause":
        inner = _real(node.named_children)
        return _body(inner[0]) if len(inner) == 1 else inner
    if node.type == "statement_block":
        return _real(node.named_children)
    return [node]


class BlockChecks:
    """The checks of one block's statements. `regexes`: names bound to regex literals in the file."""

    def __init__(self, regexes: dict[str, tuple[str, str]]) -> None:
        self.regexes = regexes

    def block(self, stmts: list[Node]) -> Iterator[Found]:
        stmts = _real(stmts)
        if not stmts:
            return
        last = _end(stmts[-1])
        parent = stmts[0].parent
        top = parent is not None and parent.type == "statement_block" and parent.parent is not None \
            and parent.parent.type in _FUNCTIONS
        returned = False
        early: list[frozenset[str]] | None = []  # the early returns' conditions while all are `if (C) return;`
        for stmt in stmts:
            rest = (_end(stmt) + 1, last)
            exits = top and not returned
            after = tuple(early) if top and returned and early else ()
            if stmt.type == "if_statement":
                for found in self.branch(stmt, rest, exits):
                    yield replace(found, early=after) if after and found.first == rest[0] else found
            elif stmt.type == "expression_statement" and stmt.named_children:
                call = _inner(stmt.named_children[0])
                if call.type == "await_expression" and call.named_children:
                    call = _inner(call.named_children[0])
                if call.type == "call_expression":
                    yield Found(None, *rest, exits, call=(_line(call), call.start_point[1] + 1))
            if top and _returns(stmt):
                returned = True
                condition = _bare_return_condition(stmt)
                early = None if early is None or condition is None else [*early, condition]

    def branch(self, stmt: Node, rest: tuple[int, int], exits: bool) -> Iterator[Found]:
        cond = stmt.child_by_field_name("condition")
        cons = _body(stmt.child_by_field_name("consequence"))
        alt = _body(stmt.child_by_field_name("alternative"))
        if cond is None:
            return
        failing = self.tests(cond, False)
        passing = self.tests(cond, True)
        # the tests that hold when a branch is not taken: after it when it never goes on, and in the other branch
        for branch, tests, other in ((cons, failing, alt), (alt, passing, cons)):
            if not tests:
                continue
            fails, via = _fails(branch) if branch else (False, None)
            if fails:
                throws = via is not None or branch[-1].type == "throw_statement"
                for t in tests:
                    yield Found(t, *rest, exits and throws, via)
            if other:
                for t in tests:
                    yield Found(t, _line(other[0]), _end(other[-1]), False)

    # ------------------------------------------------------------------ tests
    def tests(self, node: Node, passes: bool) -> list[Test]:
        node = _inner(node)
        t = node.type
        if t == "unary_expression":
            op = node.child_by_field_name("operator")
            arg = node.child_by_field_name("argument")
            if op is not None and node_text(op) == "!" and arg is not None:
                return self.tests(arg, not passes)
            return []
        if t == "binary_expression":
            op_node = node.child_by_field_name("operator")
            op_text = node_text(op_node) if op_node is not None else ""
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            if left is None or right is None:
                return []
            if op_text in ("&&", "||"):
                if (op_text == "&&") != passes:
                    return []
                out = self.tests(left, passes) + self.tests(right, passes)
                return out + _combined(out)
            if op_text == "in" and passes and _stable(left):
                return [Test("any", left, right)] if not _given(right) else []
            return self.index_of(left, op_text, right, passes)
        if t == "call_expression":
            return self.call(node, passes)
        return []

    def index_of(self, left: Node, op: str, right: Node, passes: bool) -> list[Test]:
        """`x.indexOf("/") !== -1` (and `=== -1`, `>= 0`, `> -1`, `< 0`)."""
        call = _inner(left)
        if call.type != "call_expression":
            return []
        target, prop, args = _member_call(call)
        if prop != "indexOf" or not args or target is None or not _separator(args[0]):
            return []
        value = node_text(right).replace(" ", "")
        contains = {("!==", "-1"): True, ("!=", "-1"): True, (">=", "0"): True, (">", "-1"): True,
                    ("===", "-1"): False, ("==", "-1"): False, ("<", "0"): False}.get((op, value))
        if contains is None or contains == passes or not _stable(target):
            return []
        return [Test("path", target)]

    def call(self, node: Node, passes: bool) -> list[Test]:
        target, prop, args = _member_call(node)
        if target is None or not args:
            return []
        first = _inner(args[0])
        if prop == "includes" and (_separator(first) or _dots(first)):
            if passes or not _stable(target):
                return []  # it holds one: nothing is known of the rest
            return [Test("path" if _separator(first) else "dots", target)]
        if prop in ("includes", "has", "hasOwnProperty") and passes and (_stable(first) or extension_call(first)):
            container = _keys_of(target)
            return [] if _given(container) else [Test("any", first, container)]
        if prop in ("hasOwn", "call") and passes and len(args) >= 2 and _stable(_inner(args[1])):
            owner = node_text(target)
            if (prop == "hasOwn" and owner == "Object") or (prop == "call" and owner.endswith("hasOwnProperty")):
                container = _inner(args[0])
                return [] if _given(container) else [Test("any", _inner(args[1]), container)]
            return []
        if prop == "isAbsolute" and not passes and _stable(first):
            return [Test("abs", first)]  # not an absolute path
        if prop == "startsWith" and not passes and _stable(target) and first.type == "string" \
                and string_value(first) == "/":
            return [Test("abs", target)]
        if prop in ("test", "match"):
            pattern_node, subject = (target, first) if prop == "test" else (first, target)
            regex = self.regex(pattern_node)
            if regex is None or not _stable(subject):
                return []
            pattern, flags = regex
            if passes:
                return [Test("regex", subject, (pattern, flags))]
            if prop == "test" and _one_class_with_slash(pattern):
                return [Test("path", subject)]
        return []

    def regex(self, node: Node) -> tuple[str, str] | None:
        node = _inner(node)
        if node.type == "regex":
            pattern = node.child_by_field_name("pattern")
            flags = node.child_by_field_name("flags")
            return (node_text(pattern) if pattern is not None else "", node_text(flags) if flags is not None else "")
        if node.type == "identifier":
            return self.regexes.get(node_text(node))
        return None


def _combined(tests: list[Test]) -> list[Test]:
    """`path.isAbsolute(x) || x.includes("..")` refused: joined under a folder, x stays in it."""
    absolute = {node_text(t.checked) for t in tests if t.kind == "abs"}
    return [Test("path", t.checked) for t in tests if t.kind == "dots" and node_text(t.checked) in absolute]


def _member_call(node: Node) -> tuple[Node | None, str, list[Node]]:
    func = node.child_by_field_name("function")
    args_node = node.child_by_field_name("arguments")
    args = [a for a in args_node.named_children if a.type != "comment"] if args_node is not None else []
    if func is None or _inner(func).type != "member_expression":
        return None, "", args
    func = _inner(func)
    obj = func.child_by_field_name("object")
    prop = func.child_by_field_name("property")
    return (_inner(obj) if obj is not None else None), (node_text(prop) if prop is not None else ""), args


# calls after which an extension is still the same extension, told in place (a `.slice(1)` is read only
# through a local: `taint._EXTENSION_STEPS`)
CASE_STEPS = frozenset({"toLowerCase", "toUpperCase", "toLocaleLowerCase", "toLocaleUpperCase", "trim"})


def extension_call(node: Node) -> tuple[Node, Node] | None:
    """(callee, X) of `path.extname(X)` (or `extname(X)`), also lower-cased or trimmed, X an identifier or a
    chain of constant members: an extension tested in place (`EXTS.includes(path.extname(file).toLowerCase())`)."""
    node = _inner(node)
    while node.type == "call_expression":
        target, prop, args = _member_call(node)
        if target is not None and prop in CASE_STEPS and not args:
            node = target
            continue
        func = node.child_by_field_name("function")
        name = node_text(_inner(func)) if func is not None else ""
        if func is not None and (name == "extname" or name.endswith(".extname")) and len(args) == 1 \
                and _stable(args[0]):
            return _inner(func), _inner(args[0])
        return None
    return None


def _keys_of(node: Node) -> Node:
    """`Object.keys(MAP)` is MAP's keys: the container is MAP."""
    if node.type == "call_expression":
        target, prop, args = _member_call(node)
        if target is not None and node_text(target) == "Object" and prop == "keys" and args:
            return _inner(args[0])
    return node


def _separator(node: Node) -> bool:
    node = _inner(node)
    if node.type == "string":
        return "/" in string_value(node)
    return node.type == "member_expression" and node_text(node) in ("path.sep", "path.posix.sep", "sep")


def _dots(node: Node) -> bool:
    node = _inner(node)
    return node.type == "string" and string_value(node) == ".."


def _stable(node: Node) -> bool:
    """An identifier or a chain of constant members of one (`args.name`, `params["name"]`)."""
    node = _inner(node)
    while node.type in ("member_expression", "subscript_expression"):
        if node.type == "subscript_expression":
            index = node.child_by_field_name("index")
            if index is None or _inner(index).type not in ("string", "number"):
                return False
        obj = node.child_by_field_name("object")
        if obj is None:
            return False
        node = _inner(obj)
    if node.type not in ("identifier", "this"):
        return False
    return node.type == "this" or not _reassigned(node)


def _reassigned(ident: Node) -> bool:
    """The identifier is assigned again in the function it is read in (`x = …`, `x += …`)."""
    name = node_text(ident)
    scope = ident.parent
    while scope is not None and scope.type not in _FUNCTIONS and scope.type != "program":
        scope = scope.parent
    if scope is None:
        return False
    todo = [scope]
    while todo:
        n = todo.pop()
        if n.type in ("assignment_expression", "augmented_assignment_expression", "update_expression"):
            left = n.child_by_field_name("left") or n.child_by_field_name("argument")
            if left is not None and _inner(left).type == "identifier" and node_text(_inner(left)) == name:
                return True
        todo.extend(n.named_children)
    return False


def _given(node: Node) -> bool:
    """A container the tool's arguments may give: a parameter of the function or a member of one."""
    node = _inner(node)
    while node.type in ("member_expression", "subscript_expression"):
        obj = node.child_by_field_name("object")
        if obj is None:
            return False
        node = _inner(obj)
    if node.type != "identifier":
        return False
    name = node_text(node)
    scope = node.parent
    while scope is not None and scope.type not in _FUNCTIONS:
        scope = scope.parent
    if scope is None:
        return False
    params = scope.child_by_field_name("parameters") or scope.child_by_field_name("parameter")
    return params is not None and any(c.type in ("identifier", "shorthand_property_identifier_pattern")
                                      and node_text(c) == name for c in _walk(params))


def _walk(node: Node) -> Iterator[Node]:
    todo = [node]
    while todo:
        n = todo.pop()
        yield n
        todo.extend(n.named_children)


def _fails(branch: list[Node]) -> tuple[bool, Node | None]:
    """Whether a branch never reaches the statement after its `if`: it ends leaving (return, throw,
    continue, break), or in a call that must always throw (its callee, for the program to judge)."""
    last = branch[-1]
    if last.type in _LEAVES:
        return True, None
    if last.type == "expression_statement" and last.named_children:
        call = _inner(last.named_children[0])
        if call.type == "call_expression":
            func = call.child_by_field_name("function")
            return func is not None, func
    return False, None


def _returns(stmt: Node) -> bool:
    """A `return` in the statement (not in a nested function)."""
    todo = [stmt]
    while todo:
        n = todo.pop()
        if n.type == "return_statement":
            return True
        todo.extend(c for c in n.named_children if c.type not in _FUNCTIONS)
    return False


def _bare_return_condition(stmt: Node) -> frozenset[str] | None:
    """The names read by C of `if (C) return;` (or `{ return; }`, no `else`), else None."""
    if stmt.type != "if_statement" or stmt.child_by_field_name("alternative") is not None:
        return None
    cond = stmt.child_by_field_name("condition")
    body = _body(stmt.child_by_field_name("consequence"))
    if cond is None or len(body) != 1 or body[0].type != "return_statement" or body[0].named_children:
        return None
    return frozenset(node_text(n) for n in _walk(cond) if n.type == "identifier")


def always_throws(body: Node | None) -> bool:
    """A function body every path of which throws: no `return` in it and its last statement throws."""
    if body is None or body.type != "statement_block":
        return False
    # (its last statement first: most bodies end in no throw, and `_returns` reads the whole body)
    return _throws_list(_real(body.named_children)) and not _returns(body)


def _throws_list(stmts: list[Node]) -> bool:
    if not stmts:
        return False
    last = stmts[-1]
    if last.type == "throw_statement":
        return True
    if last.type == "if_statement":
        return _throws_list(_body(last.child_by_field_name("consequence"))) and \
            _throws_list(_body(last.child_by_field_name("alternative")))
    return False


def _one_class_with_slash(pattern: str) -> bool:
    """`[\\/\\\\]`, `\\/`, `[/]`: a pattern that matches any value holding a `/` (unanchored)."""
    return contains_character(pattern, "/")
