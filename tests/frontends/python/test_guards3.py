"""Guards read from Python source: predicates returning a bool (`if not is_valid(x): return`), an
allow-list that is a parameter's (what the callers pass decides), character filters (the alphabet of
`"".join(c for c in x if …)`), and the one assignment a read of a local sees."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.frontends.python.test_budgets import analyse

SOURCE = """
    import os
    import re
    import sqlite3

    from mcp.server.fastmcp import FastMCP

    mcp = FastMCP("s")
    ROOT = "/srv/docs"
    REGISTRY = {"intro": "intro.md"}
    _ID = re.compile(r"[a-z]+(/[a-z]+)*")
    _LOOSE = re.compile(r"[\\w./-]+")
    ALLOWED = ("intro", "usage")

    HELPERS

    @mcp.tool()
    def tool(name: str, names: list[str]) -> str:
        \"\"\"Read one document.\"\"\"
        BODY
"""

HELPERS = """
def is_valid(v: str) -> bool:
    return bool(_ID.fullmatch(v))


def is_loose(v: str) -> bool:
    return _LOOSE.fullmatch(v) is not None


def is_allowed(v: str) -> bool:
    return v in ALLOWED


def is_checked(v: str) -> bool:
    if not re.fullmatch(r"[a-z]+", v):
        return False
    return True


def resolve(manager, n: str) -> str:
    if manager is None or n not in manager:
        raise ValueError("not connected")
    return os.path.join(ROOT, n)
"""


def _path_control(tmp_path: Path, body: str) -> set[str]:
    source = SOURCE.replace("HELPERS", HELPERS.replace("\n", "\n    ")).replace("BODY", body.replace("\n", "\n        "))
    result = analyse(tmp_path, {"pkg/__init__.py": "", "pkg/server.py": source})
    (tool,) = result.tools
    return {p for c in tool.capabilities for e in c.evidence if e.role in ("path", "sql") for p in e.controlled_by}


@pytest.mark.parametrize(("body", "control"), [
    ('if not is_valid(name):\n    return "bad"\nreturn open(os.path.join(ROOT, name)).read()', set()),
    ('if not is_allowed(name):\n    raise ValueError(name)\nreturn open(os.path.join(ROOT, name)).read()', set()),
    ('if not is_checked(name):\n    raise ValueError(name)\nreturn open(os.path.join(ROOT, name)).read()', set()),
    ('if is_valid(name):\n    return open(os.path.join(ROOT, name)).read()\nreturn ""', set()),
    # a pattern that admits `..`, a check after the read, a predicate on another value
    ('if not is_loose(name):\n    return "bad"\nreturn open(os.path.join(ROOT, name)).read()', {"name"}),
    ('text = open(os.path.join(ROOT, name)).read()\nif not is_valid(name):\n    return "bad"\nreturn text', {"name"}),
    ('if not is_valid(names[0]):\n    return "bad"\nreturn open(os.path.join(ROOT, name)).read()', {"name"}),
    # a local assigned only where the check holds is checked where it is read, also in a handler
    ('pid = ""\ntry:\n    if not is_valid(name):\n        return "bad"\n    pid = name.strip()\n'
     '    return open(os.path.join(ROOT, pid)).read()\nexcept OSError:\n    return open(os.path.join(ROOT, pid + "~")).read()',
     set()),
    ('pid = name.strip()\ntry:\n    if not is_valid(name):\n        return "bad"\n    return "ok"\n'
     'except OSError:\n    return open(os.path.join(ROOT, pid + "~")).read()', {"name"}),
])
def test_predicates(tmp_path: Path, body: str, control: set[str]) -> None:
    assert _path_control(tmp_path, body) == control


@pytest.mark.parametrize(("body", "control"), [
    ('return open(resolve(REGISTRY, name)).read()', set()),
    ('return open(resolve(names, name)).read()', {"name"}),  # the model gives the allow-list
])
def test_a_parameter_allow_list(tmp_path: Path, body: str, control: set[str]) -> None:
    assert _path_control(tmp_path, body) == control


@pytest.mark.parametrize(("body", "control"), [
    ('safe = "".join(c for c in name if c.isalnum() or c in "_-.")\nreturn open(os.path.join(ROOT, safe)).read()', set()),
    ('safe = "".join([c for c in name if c.isalnum() or c == "_"])\nreturn open(os.path.join(ROOT, safe)).read()', set()),
    ('safe = "".join(filter(str.isalnum, name))\nreturn open(os.path.join(ROOT, safe)).read()', set()),
    ('safe = "".join(filter(lambda c: c.isalpha() or c in "-", name))\nreturn open(os.path.join(ROOT, safe)).read()',
     set()),
    # a filter that keeps `/` and `.`, or that reads something else than the character
    ('safe = "".join(c for c in name if c.isalnum() or c in "/.")\nreturn open(os.path.join(ROOT, safe)).read()',
     {"name"}),
    ('safe = "".join(c for c in name if not c.isspace())\nreturn open(os.path.join(ROOT, safe)).read()', {"name"}),
])
def test_character_filters(tmp_path: Path, body: str, control: set[str]) -> None:
    assert _path_control(tmp_path, body) == control


@pytest.mark.parametrize(("body", "control"), [
    ('sql = f"note {name}"\nprint(sql)\nsql = "INSERT INTO notes (t) VALUES (?)"\n'
     'sqlite3.connect("n.db").execute(sql, (name,))\nreturn "ok"', set()),
    ('for n in names:\n    sql = f"SELECT \'{n}\'"\n    print(sql)\n    sql = "SELECT ?"\n'
     '    sqlite3.connect("n.db").execute(sql, (n,))\nreturn "ok"', set()),
    # a branch between the assignment and the read may assign again
    ('sql = "INSERT INTO notes (t) VALUES (?)"\nif len(name) > 3:\n    sql = f"INSERT INTO notes (t) VALUES (\'{name}\')"\n'
     'sqlite3.connect("n.db").execute(sql, (name,))\nreturn "ok"', {"name"}),
    ('sql = "SELECT ?"\nfor n in names:\n    sqlite3.connect("n.db").execute(sql, (n,))\n    sql = f"SELECT \'{n}\'"\n'
     'return "ok"', {"names"}),
])
def test_the_assignment_a_read_sees(tmp_path: Path, body: str, control: set[str]) -> None:
    assert _path_control(tmp_path, body) == control
