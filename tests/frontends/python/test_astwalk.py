"""The frontend's walker gives exactly the nodes, in exactly the order, of the standard library's
`ast.iter_child_nodes` / `ast.walk` and of the plain depth-first local walk it replaced."""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from pathlib import Path

from mcpvet.frontends.python.astwalk import children, local_walk, walk, walk_within

ALL_SYNTAX = '''
from . import a as b, c
import os.path as p
global g
x: int = 1
y = z = (lambda q, *r, s=1, **t: q)(1)
del y
async def f(a, /, b: "int" = 2, *args, c, d=3, **kw) -> list[int]:
    nonlocal_ = [i async for i in aiter() if i] + [j for j in range(3) for k in range(j)]
    async with open(p) as fh, ctx():
        await fh.read()
    async for e in stream():
        yield e
    try:
        pass
    except (ValueError, TypeError) as exc:
        raise RuntimeError("x") from exc
    else:
        pass
    finally:
        return {k: v for k, v in {}.items()} or {1, 2} or {**kw}
@decorator(arg)
class C(Base, metaclass=Meta):
    attr: str
    def m(self, /) -> None:
        nonlocal_ = f"{self!r:>{10}} {self.attr=}"
        assert self, "msg"
        while (n := next(it)) is not None:
            if n > 1 and not n or n in (1, 2):
                break
            continue
        match self:
            case {"k": v, **rest}:
                pass
            case Point(x=0, y=yy) | [1, *others] if yy:
                pass
            case None | True | "s" as alias:
                pass
            case _:
                pass
        with suppress(Exception):
            x[1:2, ::3] = ~y @ z ** -w
        print(*a, **k); a += 1; b if c else d
try:
    pass
except* OSError:
    pass
'''


def _reference_local_walk(body: Iterable[ast.AST]) -> Iterator[ast.AST]:
    """The walk the frontend used before (scopes.local_walk over ast.iter_child_nodes)."""
    stack = list(body)[::-1]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            stack.extend(reversed([*node.decorator_list, *node.args.defaults, *(d for d in node.args.kw_defaults if d)]))
            continue
        if isinstance(node, ast.Lambda):
            stack.extend(reversed([*node.args.defaults, *(d for d in node.args.kw_defaults if d)]))
            continue
        if isinstance(node, ast.ClassDef):
            stack.extend(reversed([*node.decorator_list, *node.bases, *(k.value for k in node.keywords)]))
            continue
        stack.extend(reversed(list(ast.iter_child_nodes(node))))


def _same(a: Iterable[ast.AST], b: Iterable[ast.AST]) -> bool:
    left, right = list(a), list(b)
    return len(left) == len(right) and all(x is y for x, y in zip(left, right, strict=True))


def _trees() -> list[ast.Module]:
    sources = [ALL_SYNTAX, *(p.read_text("utf-8") for p in sorted(Path(ast.__file__).parent.glob("json/*.py")))]
    frontend = Path(__file__).parents[3] / "analyzer" / "mcpvet" / "frontends" / "python"
    sources += [p.read_text("utf-8") for p in sorted(frontend.glob("*.py"))]
    return [ast.parse(s, type_comments=True) for s in sources]


def test_children_and_walk_are_the_standard_library_s() -> None:
    for tree in _trees():
        nodes = list(ast.walk(tree))
        assert _same(walk(tree), nodes)
        for node in nodes:
            assert _same(children(node), ast.iter_child_nodes(node))


def test_local_walk_is_the_walk_it_replaced() -> None:
    for tree in _trees():
        bodies = [tree.body, *(n.body for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                                               ast.ClassDef)))]
        for body in bodies:
            assert _same(local_walk(body), _reference_local_walk(body))


def test_a_node_class_unknown_to_the_walker_is_walked_by_its_fields() -> None:
    class Odd(ast.expr):
        _fields = ("inner", "items", "label")

    odd = Odd()
    odd.inner, odd.items, odd.label = ast.Name("a", ast.Load()), [ast.Constant(1), "text", None], "label"
    assert _same(children(odd), ast.iter_child_nodes(odd))


def _deepest(tree: ast.AST) -> int:
    """The old gate's measure: the depth of the deepest node, depth first (the tree's root at 0)."""
    most, stack = 0, [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        most = max(most, depth)
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))
    return most


def test_walk_within_lists_ast_walk_or_refuses_a_tree_deeper_than_its_bound() -> None:
    sources = [ALL_SYNTAX, "x = 1", "", "(" * 90 + "1" + ")" * 90, "y = " + " + ".join(["a"] * 300)]
    sources += [p.read_text() for p in sorted((Path(__file__).parents[3] / "analyzer/mcpvet/frontends/python").glob("*.py"))[:8]]
    for source in sources:
        tree = ast.parse(source)
        deepest = _deepest(tree)
        assert walk_within(tree, deepest) == list(ast.walk(tree))
        assert walk_within(tree, deepest + 5) == list(ast.walk(tree))
        assert walk_within(tree, deepest - 1) is None
