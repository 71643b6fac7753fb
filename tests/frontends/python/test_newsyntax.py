"""PEP 695 syntax rewritten for the 3.11 parser, columns kept; anything else stays a syntax error."""

from __future__ import annotations

import ast

import pytest

from mcpvet.frontends.python.newsyntax import downgrade
from mcpvet.frontends.python.parse import parse_source


def test_type_parameters_and_aliases_parse_with_their_positions() -> None:
    src = (
        b"type Row = dict[str, int]\n"
        b"class Page[T: (str, bytes)](Base):\n"
        b"    def get[K](self, key: K) -> T: ...\n"
        b"async def fetch[T](url: str) -> T: ...\n"
        b"x = 'type X = 1'\n"
        b"    # type Y = 2\n"
    )
    tree = parse_source(src, "m.py")
    found = {(type(n).__name__, getattr(n, "name", None)): (n.lineno, n.col_offset) for n in ast.walk(tree)
             if isinstance(n, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))}
    assert found == {("ClassDef", "Page"): (2, 0), ("FunctionDef", "get"): (3, 4), ("AsyncFunctionDef", "fetch"): (4, 0)}
    alias = tree.body[0]
    assert isinstance(alias, ast.Assign) and ast.unparse(alias) == "Row = dict[str, int]"
    assert alias.value.col_offset == len(b"type Row = ")  # the value keeps its column
    assert ast.unparse(tree.body[3]) == "x = 'type X = 1'"  # strings are left alone
    page = tree.body[1]
    assert isinstance(page, ast.ClassDef) and [ast.unparse(b) for b in page.bases] == ["Base"]


def test_type_as_a_plain_name_is_untouched() -> None:
    src = b"type = 3\nprint(type)\nx = type(1)\n"
    assert downgrade(src) is None
    assert ast.unparse(parse_source(src, "m.py")).splitlines()[0] == "type = 3"


def test_other_new_syntax_keeps_the_original_error() -> None:
    src = b'class A[T]: ...\nx = f"{"\\n".join(y)}"\n'
    with pytest.raises(SyntaxError):
        parse_source(src, "m.py")
