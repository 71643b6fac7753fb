"""Derived scopes (a comprehension element, an unrolled loop iteration, a call specialised for its
constant arguments) share with their base scope every name whose bindings do not read an override:
a comprehension over a name it also rebinds (`data["c"] = {k: data["c"][k] for k in KEYS}`) is then
evaluated once, where each element used to re-evaluate the name afresh, nested to the depth budget
(ha-mcp 8.7.0: minutes and gigabytes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.frontends.python.test_budgets import HEADER, analyse, cuts

SOURCE = HEADER + """
    KEYS = ("a", "b", "c")

    def load(name: str) -> dict:
        data = {"config": {"a": 1, "b": 2, "c": 3}, "name": name}
        data["config"] = {key: data["config"][key] for key in KEYS}
        data["config"] = {key: data["config"][key] for key in ("a", "b")}
        data["name"] = {key: data[key] for key in ("config", "name")}
        data["config"].keys()
        return data

    @mcp.tool()
    def run(x: str) -> str:
        load(x)
        return subprocess.run(["echo", x]).stdout

    SUFFIX = "_x"
    for n in ("one", "two"):
        label = n + SUFFIX
        mcp.add_tool(run, name=label)
"""


@pytest.mark.timeout(30)  # about 60 s before the fix, under a second after
def test_self_rebinding_comprehension_is_evaluated_once(tmp_path: Path) -> None:
    result = analyse(tmp_path, {"pkg/__init__.py": "", "pkg/server.py": SOURCE})
    assert not cuts(result, "py_eval_depth")
    # names that do read the loop variable are still evaluated per iteration
    assert sorted(t.name for t in result.tools) == ["one_x", "run", "two_x"]
    assert all(t.capabilities for t in result.tools)
