"""No silent budget in the Python frontend: each Python budget, hit by a small fixture, shows up as an
errors[] entry naming the budget (and the tool, where the cut is attributable to one)."""

from __future__ import annotations

import textwrap
from dataclasses import replace
from pathlib import Path

from mcpvet.analysis.budgets import Budgets
from mcpvet.discover import discover
from mcpvet.frontends.python import PythonFrontend
from mcpvet.model import AnalysisError, FrontendResult
from mcpvet.options import InspectOptions

PY_BUDGETS = ("py_eval_depth", "py_loop_unroll", "py_value_set", "py_context_depth", "py_memo_entries")


def analyse(root: Path, files: dict[str, str], **budgets: int) -> FrontendResult:
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(text).lstrip("\n"))
    tree, _ = discover(root, name_hint="pkg")
    options = InspectOptions()
    options = replace(options, limits=replace(options.limits, budgets=replace(options.limits.budgets, **budgets)))
    return PythonFrontend().analyze(tree, (), options)


def cuts(result: FrontendResult, budget: str) -> list[AnalysisError]:
    return [e for e in result.errors if e.stage == "budget" and f"the {budget} budget" in e.message]


HEADER = """
    import subprocess
    from mcp.server.fastmcp import FastMCP

    mcp = FastMCP("b")
"""


def test_every_python_budget_has_a_test() -> None:
    assert {n for n in Budgets.names() if n.startswith("py_")} == set(PY_BUDGETS)
    reasons = Budgets.reasons()
    assert all(reasons.get(n) for n in PY_BUDGETS)


def test_loop_unroll(tmp_path: Path) -> None:
    """A registration loop over more elements than the budget: the tools in it are not found, and
    errors[] says so (where today a budget would have cut silently)."""
    source = HEADER + """
    NAMES = ["a", "b", "c", "d", "e"]

    def run(x: str) -> str:
        return subprocess.run(["echo", x]).stdout

    for n in NAMES:
        mcp.add_tool(run, name=n)
    """
    full = analyse(tmp_path / "full", {"pkg/__init__.py": "", "pkg/server.py": source})
    assert sorted(t.name for t in full.tools) == ["a", "b", "c", "d", "e"]
    assert not cuts(full, "py_loop_unroll")
    cut = analyse(tmp_path / "cut", {"pkg/__init__.py": "", "pkg/server.py": source}, py_loop_unroll=4)
    found = cuts(cut, "py_loop_unroll")
    assert found and found[0].path == "pkg/server.py" and "5 elements" in found[0].message


def test_value_set(tmp_path: Path) -> None:
    source = HEADER + """
    import os

    MODE = "a" if os.environ.get("A") else "b"
    MODE = "c" if os.environ.get("C") else "d"
    MODE = "e"

    @mcp.tool()
    def run() -> str:
        return MODE
    """
    full = analyse(tmp_path / "full", {"pkg/__init__.py": "", "pkg/server.py": source})
    assert not cuts(full, "py_value_set")
    cut_source = source.replace("return MODE", "return MODE.upper()")
    cut = analyse(tmp_path / "cut", {"pkg/__init__.py": "", "pkg/server.py": cut_source}, py_value_set=2)
    found = cuts(cut, "py_value_set")
    assert found and "'MODE'" in found[0].message and found[0].path == "pkg/server.py"


def test_eval_depth(tmp_path: Path) -> None:
    """A tool name computed through a chain of helpers deeper than the budget: not computed, and
    the cut is reported."""
    chain = "\n".join(f"def f{i}():\n    return f{i + 1}()\n" for i in range(12)) + "\ndef f12():\n    return 'deep'\n"
    source = HEADER + textwrap.indent(chain, "    ") + """
    def run() -> str:
        return "x"

    mcp.add_tool(run, name=f0())
    """
    full = analyse(tmp_path / "full", {"pkg/__init__.py": "", "pkg/server.py": source})
    assert [t.name for t in full.tools] == ["deep"]
    assert not cuts(full, "py_eval_depth")
    cut = analyse(tmp_path / "cut", {"pkg/__init__.py": "", "pkg/server.py": source}, py_eval_depth=6)
    assert [t.name for t in cut.tools] == []
    assert cuts(cut, "py_eval_depth")


def test_context_depth_names_the_tool(tmp_path: Path) -> None:
    """A low-level dispatcher specialised per tool name passes the name to a helper binding more
    parameters than the budget: the helper's own callees are analysed for every tool at once,
    and the cut names the tool."""
    source = """
    import subprocess
    from mcp.server import Server
    from mcp.types import Tool

    server = Server("b")

    @server.list_tools()
    async def list_tools() -> list[Tool]:
        return [Tool(name="only", description="d", inputSchema={"type": "object"})]

    def inner(a, b, c):
        return subprocess.run([a, b, c])

    def helper(a, b, c):
        return inner(a, b, c)

    @server.call_tool()
    async def call_tool(name: str, arguments: dict):
        return helper(name, name, name)
    """
    full = analyse(tmp_path / "full", {"pkg/__init__.py": "", "pkg/server.py": source})
    assert [t.name for t in full.tools] == ["only"]
    assert not cuts(full, "py_context_depth")
    cut = analyse(tmp_path / "cut", {"pkg/__init__.py": "", "pkg/server.py": source}, py_context_depth=2)
    found = cuts(cut, "py_context_depth")
    assert found and "tool 'only'" in found[0].message
    assert [t.name for t in cut.tools] == ["only"]


def test_default_budgets_do_not_cut_the_cases() -> None:
    """The shipped case folders stay within every Python budget (no budget entry in errors[])."""
    cases = Path(__file__).resolve().parents[2] / "cases" / "python"
    for case in sorted(p.parent for p in cases.glob("*/*/expected.json")):
        tree, _ = discover(case, name_hint=case.name)
        result = PythonFrontend().analyze(tree, (), InspectOptions())
        for budget in PY_BUDGETS:
            assert not cuts(result, budget), (case, cuts(result, budget))


def test_frontend_seconds_stops_and_names_what_was_not_searched(tmp_path: Path) -> None:
    """A clock that has run out before the analysis: no tool is silently missing, errors[] names the
    frontend_seconds budget and the files whose registrations were not searched."""
    source = HEADER + """
    @mcp.tool()
    def run(x: str) -> str:
        return subprocess.run(["echo", x]).stdout
    """
    files = {"pkg/__init__.py": "", "pkg/server.py": source}
    full = analyse(tmp_path / "full", files)
    assert [t.name for t in full.tools] == ["run"] and not cuts(full, "frontend_seconds")
    cut = analyse(tmp_path / "cut", files, frontend_seconds=0)
    messages = [e.message for e in cuts(cut, "frontend_seconds")]
    assert any("tool registrations not searched" in m and "pkg/server.py" in m for m in messages)
    assert any("not analysed" in m for m in messages)


def test_frontend_seconds_marks_the_tools_it_cut(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The clock runs out after the tools were found, while the call graph is built: each tool whose
    reach was not finished is named in errors[] and marked by an unresolved entry."""
    from mcpvet.frontends.python.graph import GraphBuilder

    build_all = GraphBuilder.build_all

    def late(self: GraphBuilder) -> None:
        self.ev.expired = True
        build_all(self)

    monkeypatch.setattr(GraphBuilder, "build_all", late)
    source = HEADER + """
    def helper(x: str) -> str:
        return subprocess.run(["echo", x]).stdout

    @mcp.tool()
    def run(x: str) -> str:
        return helper(x)
    """
    result = analyse(tmp_path / "cut", {"pkg/__init__.py": "", "pkg/server.py": source})
    (tool,) = result.tools
    assert tool.name == "run"
    assert any("frontend_seconds" in u for u in tool.unresolved_calls)
    assert any("tool 'run'" in e.message for e in cuts(result, "frontend_seconds"))


def test_memo_entries_stop_the_evaluation_and_say_so(tmp_path: Path) -> None:
    """The memory bound: past py_memo_entries remembered evaluations the frontend stops as when out of
    time, and errors[] names that budget (not frontend_seconds) and what was left unfinished."""
    source = HEADER + """
    def helper(x: str) -> str:
        return subprocess.run(["echo", x]).stdout

    @mcp.tool()
    def run(x: str) -> str:
        return helper(x)
    """
    files = {"pkg/__init__.py": "", "pkg/server.py": source}
    assert not cuts(analyse(tmp_path / "full", files), "py_memo_entries")
    cut = analyse(tmp_path / "cut", files, py_memo_entries=3)
    assert cuts(cut, "py_memo_entries") and not cuts(cut, "frontend_seconds")


def test_loop_unroll_over_factory_calls_names_the_budget_and_the_registration(tmp_path: Path) -> None:
    """A tool factory called in a loop over more pairs than the budget: each pair a tool when the
    loop is unrolled; cut, errors[] names the budget and the registration whose name is unknown."""
    source = HEADER + """
    PAIRS = [("a", "A."), ("b", "B."), ("c", "C."), ("d", "D.")]

    def make_tool(name: str, description: str) -> None:
        @mcp.tool(name=name, description=description)
        def run(x: str) -> str:
            return subprocess.run(["echo", x]).stdout

    for name, description in PAIRS:
        make_tool(name, description)
    """
    files = {"pkg/__init__.py": "", "pkg/server.py": source}
    full = analyse(tmp_path / "full", files)
    assert {t.name: t.description for t in full.tools} == {"a": "A.", "b": "B.", "c": "C.", "d": "D."}
    assert not [e for e in full.errors if e.stage in ("python", "budget")]
    cut = analyse(tmp_path / "cut", files, py_loop_unroll=3)
    assert not cut.tools
    assert cuts(cut, "py_loop_unroll")
    assert any("tool name at line 9" in e.message and e.path == "pkg/server.py" for e in cut.errors), cut.errors
