"""Walking `ast` trees fast, in exactly the order the standard library walks them.

`ast.iter_child_nodes` looks at every field of a node through two nested generators; most of a
walk's time went there. `children` reads only the fields that can hold nodes (per node class,
computed once: the grammar's names, identifiers and numbers are skipped), with the same result
and order; `walk` is `ast.walk` (breadth first) and `local_walk` the frontend's walk of one body
(depth first, nested functions and classes not entered) on top of it.
"""

from __future__ import annotations

import ast
from collections import deque
from collections.abc import Iterable, Iterator

# Fields of the 3.11-3.14 grammar that hold identifiers, strings, numbers or constants, never a
# node: skipping them changes nothing but the time a walk takes.
_SCALAR: dict[str, frozenset[str]] = {
    name: frozenset(fields) for name, fields in {
        "FunctionDef": ("name", "type_comment"), "AsyncFunctionDef": ("name", "type_comment"),
        "ClassDef": ("name",), "Assign": ("type_comment",), "For": ("type_comment",),
        "AsyncFor": ("type_comment",), "With": ("type_comment",), "AsyncWith": ("type_comment",),
        "AnnAssign": ("simple",), "ImportFrom": ("module", "level"), "Global": ("names",),
        "Nonlocal": ("names",), "Attribute": ("attr",), "Name": ("id",), "Constant": ("value", "kind"),
        "FormattedValue": ("conversion",), "comprehension": ("is_async",), "ExceptHandler": ("name",),
        "arg": ("arg", "type_comment"), "keyword": ("arg",), "alias": ("name", "asname"),
        "MatchSingleton": ("value",), "MatchAs": ("name",), "MatchStar": ("name",), "MatchMapping": ("rest",),
        "MatchClass": ("kwd_attrs",), "TypeIgnore": ("lineno", "tag"),
    }.items()
}
_FIELDS: dict[type, tuple[str, ...]] = {}
_AST = ast.AST


def _fields(cls: type) -> tuple[str, ...]:
    skip = _SCALAR.get(cls.__name__, frozenset()) if cls.__module__ == "ast" else frozenset()
    found = _FIELDS[cls] = tuple(f for f in getattr(cls, "_fields", ()) if f not in skip)
    return found


def children(node: ast.AST) -> list[ast.AST]:
    """`list(ast.iter_child_nodes(node))`."""
    fields = _FIELDS.get(node.__class__)
    if fields is None:
        fields = _fields(node.__class__)
    out: list[ast.AST] = []
    for name in fields:
        value = getattr(node, name, None)
        if isinstance(value, _AST):
            out.append(value)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, _AST):
                    out.append(item)
    return out


def walk(node: ast.AST) -> Iterator[ast.AST]:
    """`ast.walk(node)`: every node under `node` (itself included), breadth first."""
    todo = deque([node])
    pop, extend = todo.popleft, todo.extend
    while todo:
        node = pop()
        extend(children(node))
        yield node


def walk_within(node: ast.AST, most: int) -> list[ast.AST] | None:
    """`list(walk(node))`, or None when a node lies more than `most` levels below `node` (the
    same list, level by level: breadth first is each level's nodes' children in turn)."""
    out = [node]
    level = [node]
    depth = 0
    while level:
        if depth > most:
            return None
        below: list[ast.AST] = []
        for n in level:
            below.extend(children(n))
        out.extend(below)
        level = below
        depth += 1
    return out


def local_walk(body: Iterable[ast.AST]) -> Iterator[ast.AST]:
    """Every node of a body without entering nested functions, lambdas or classes (their
    decorators, defaults and bases are included: they run in this scope), depth first."""
    stack = list(body)[::-1]
    pop, extend = stack.pop, stack.extend
    while stack:
        node = pop()
        yield node
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            extend(reversed([*node.decorator_list, *node.args.defaults, *(d for d in node.args.kw_defaults if d)]))
        elif isinstance(node, ast.Lambda):
            extend(reversed([*node.args.defaults, *(d for d in node.args.kw_defaults if d)]))
        elif isinstance(node, ast.ClassDef):
            extend(reversed([*node.decorator_list, *node.bases, *(k.value for k in node.keywords)]))
        else:
            kids = children(node)
            kids.reverse()
            extend(kids)


def statement_blocks(stmt: ast.stmt) -> Iterator[list[ast.stmt]]:
    """The statement lists nested in STMT: bodies, `else`/`finally` parts, exception handlers and
    `match` cases (not those of nested functions or classes)."""
    if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return
    for name in ("body", "orelse", "finalbody"):
        child = getattr(stmt, name, None)
        if isinstance(child, list) and child and isinstance(child[0], ast.stmt):
            yield child
    for handler in getattr(stmt, "handlers", ()):
        yield handler.body
    for case in getattr(stmt, "cases", ()):
        yield case.body
