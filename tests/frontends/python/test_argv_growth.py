"""What a function adds to an argv list after writing it (`taint._list_growth`, for `model.Command`)."""

from __future__ import annotations

import ast

import pytest

from mcpvet.frontends.python.taint import _list_growth


@pytest.mark.parametrize(("body", "added", "seen"), [
    ("cmd.append(q)\ncmd.insert(1, '-n')\ncmd.extend(['-g', '*.py'])\ncmd += ['--', q]", ["q", "'-n'", "'-g'", "'*.py'",
                                                                                      "'--'", "q"], True),
    ("cmd.insert(0, 'sudo')", ["'sudo'"], False),  # another program runs
    ("cmd[0] = q", [], False),  # a word replaced, maybe the program
    ("cmd.extend(more)", [], False),  # a list not written here
    ("cmd += more", [], False),
    ("other.append(q)", [], True),
])
def test_list_growth(body: str, added: list[str], seen: bool) -> None:
    lines = "\n    ".join(body.splitlines())
    func = ast.parse(f"def f(q, more, other):\n    cmd = ['rg', '--json']\n    {lines}\n").body[0]
    found, complete = _list_growth(func, "cmd")
    assert [ast.unparse(a) for a in found] == added
    assert complete is seen
