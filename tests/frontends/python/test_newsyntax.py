"""Syntax newer than Python 3.11 read with libcst's parser into the same `ast` tree, lines kept;
a file both parsers reject is named with the line libcst stopped at; libcst runs in the worker."""

from __future__ import annotations

import ast
from pathlib import Path

from mcpvet.frontends.python.newsyntax import parse_newer
from mcpvet.frontends.python.parse import ParsedFile, ParseJob, parse_job
from mcpvet.isolate import WorkerFailure, map_isolated


def _const(node: ast.AST) -> object:
    """The text of a JoinedStr whose parts and fields are all constants."""
    assert isinstance(node, ast.JoinedStr)
    parts = [v.value if isinstance(v, ast.FormattedValue) else v for v in node.values]
    assert all(isinstance(p, ast.Constant) for p in parts)
    return "".join(str(p.value) for p in parts if isinstance(p, ast.Constant))


def test_type_parameters_over_lines_keep_every_line() -> None:
    src = (
        b"type Pairs[\n    K,\n    V = str,\n] = dict[\n    K, V]\n"
        b"class Page[T: (str, bytes)](Base):\n"
        b"    def get[\n        K,\n    ](self, key: K) -> T: ...\n"
        b"async def fetch[T = int](url: str) -> T: ...\n"
        b"x = 'type X = 1'\n"
    )
    tree = parse_newer(src, "m.py")
    found = {getattr(n, "name", None): n.lineno for n in ast.walk(tree)
             if isinstance(n, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))}
    assert found == {"Page": 6, "get": 7, "fetch": 10}
    alias = tree.body[0]
    assert isinstance(alias, ast.Assign) and ast.unparse(alias) == "Pairs = dict[K, V]" and alias.lineno == 1
    page = tree.body[1]
    assert isinstance(page, ast.ClassDef) and [ast.unparse(b) for b in page.bases] == ["Base"]
    assert ast.unparse(tree.body[3]) == "x = 'type X = 1'" and tree.body[3].lineno == 11


def test_pep701_fstrings_become_joined_strings() -> None:
    src = (
        b"def f(x, names):\n"
        b"    a = f\"{'a\\n' if x else ''}{\"\\n\".join(names)}\"\n"
        b"    b = f\"{x!r:>{10}} {f\"{x=}\"}\" 'tail'\n"
        b"    c = f'''{\n        x\n    }'''\n"
        b"    return 'lit' f\"{x}\"\n"
        b"y = f\"{'Run'} a {\"shell\"} command\"\n"
    )
    tree = parse_newer(src, "m.py")
    fn = tree.body[0]
    assert isinstance(fn, ast.FunctionDef)
    a, b, c, ret = fn.body
    assert isinstance(a, ast.Assign) and isinstance(a.value, ast.JoinedStr) and a.lineno == 2
    first = a.value.values[0]
    assert isinstance(first, ast.FormattedValue) and isinstance(first.value, ast.IfExp)
    assert isinstance(first.value.body, ast.Constant) and first.value.body.value == "a\n"
    assert isinstance(b, ast.Assign) and ast.unparse(b.value) == 'f"{x!r:>{10}} {f\'x={x!r}\'}tail"'
    assert isinstance(c, ast.Assign) and c.lineno == 4 and ret.lineno == 7
    assert isinstance(ret, ast.Return) and ast.unparse(ret.value) == "f'lit{x}'"
    y = tree.body[1]
    assert isinstance(y, ast.Assign) and y.lineno == 8 and _const(y.value) == "Run a shell command"


def test_pep758_except_and_tstrings() -> None:
    src = (
        b"try:\n    pass\nexcept ValueError, TypeError:\n    pass\n"
        b"try:\n    pass\nexcept* OSError, KeyError:\n    pass\n"
        b"m = t\"{load()} {name}\"\n"
    )
    tree = parse_newer(src, "m.py")
    handlers = [h for n in ast.walk(tree) if isinstance(n, (ast.Try, ast.TryStar)) for h in n.handlers]
    assert [ast.unparse(h.type) for h in handlers if h.type is not None] == ["(ValueError, TypeError)", "(OSError, KeyError)"]
    assert [h.lineno for h in handlers] == [3, 7]
    m = tree.body[2]
    assert isinstance(m, ast.Assign) and m.lineno == 9
    assert any(isinstance(n, ast.Call) and ast.unparse(n) == "load()" for n in ast.walk(m.value))


def _parse(tmp_path: Path, text: bytes) -> ParsedFile | WorkerFailure:
    f = tmp_path / "m.py"
    f.write_bytes(text)
    [(_, result)] = list(map_isolated(parse_job, [ParseJob("m.py", str(f), 1 << 20)], timeout_s=60))
    return result


def test_worker_ships_the_tree_of_newer_syntax(tmp_path: Path) -> None:
    result = _parse(tmp_path, b"def f[T](x: T) -> T:\n    return f\"{'\\n'.join(x)}\"\n")
    assert isinstance(result, ParsedFile) and result.error is None and result.tree is not None
    assert isinstance(result.tree.body[0], ast.FunctionDef) and result.lines == 2


def test_both_parsers_fail_names_the_line_that_really_failed(tmp_path: Path) -> None:
    # 3.11 stops at line 2 (a PEP 701 f-string); the real error is on line 4
    result = _parse(tmp_path, b"x = 1\ny = f\"{'\\n'.join(z)}\"\n\nx = = 1\nz = 2\n")
    assert isinstance(result, ParsedFile) and result.tree is None and result.error is not None
    assert result.error.startswith("syntax error") and "(line 4;" in result.error and "libcst" in result.error
    assert "3.11 parser at line 2" in result.error


def test_libcst_aborting_on_deep_nesting_costs_one_file(tmp_path: Path) -> None:
    """ast refuses 3,000 nested parentheses (the fallback then runs libcst, which aborts the
    process or raises): the worker dies or reports, the caller goes on."""
    result = _parse(tmp_path, b"x = " + b"(" * 3000 + b"1" + b")" * 3000 + b"\n")
    assert isinstance(result, WorkerFailure) or (result.tree is None and result.error)
