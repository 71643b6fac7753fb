"""No silent budget: each JavaScript budget, hit by a small fixture, shows up in errors[].

Every fixture lowers one budget of `Budgets` far enough that a few lines of code reach it; the
entry names the budget and, where the tool is known, the tool whose analysis it cut.
"""

from __future__ import annotations

from pathlib import Path

from mcpvet.analysis.budgets import Budgets
from mcpvet.frontends.javascript import JavaScriptFrontend
from mcpvet.frontends.javascript.extract import extract_module
from mcpvet.frontends.javascript.frontend import analyse_modules
from mcpvet.model import FileRole, FrontendResult, Language, SourceFile, SourceTree
from mcpvet.options import AnalysisLimits, InspectOptions

HEADER = 'const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");\nconst server = new McpServer({});\n'


def _run(src: str, budgets: Budgets) -> FrontendResult:
    module = extract_module("index.js", "javascript", (HEADER + src).encode("utf-8"))
    return analyse_modules([module], [], budgets=budgets)


def _budget_errors(result: FrontendResult, budget: str) -> list[str]:
    return [e.message for e in result.errors if e.stage == "budget" and f"the {budget} budget" in e.message]


def test_defaults_cut_nothing_in_a_small_server() -> None:
    result = _run('server.tool("t", "says hi", async () => ({ content: [] }));\n', Budgets())
    assert [t.name for t in result.tools] == ["t"]
    assert not [e for e in result.errors if e.stage == "budget"], result.errors


def test_call_sites_budget() -> None:
    src = """
function run(client) { return client.go(); }
server.tool("t", "runs", async () => run(a));
run(b);
run(c);
"""
    result = _run(src, Budgets(js_call_sites=2))
    messages = _budget_errors(result, "js_call_sites")
    assert messages, result.errors
    assert any(m.startswith("tool 't': call sites of index.js:run") and "first 2 of 3" in m for m in messages), messages


def test_environments_budget() -> None:
    src = """
function run(client) { return client.go(); }
server.tool("t", "runs", async () => run(a));
run(b);
"""
    result = _run(src, Budgets(js_environments=1))
    messages = _budget_errors(result, "js_environments")
    assert any(m.startswith("tool 't': parameter bindings of index.js:run") for m in messages), result.errors


def test_eval_depth_budget() -> None:
    src = """
const a = "reads files";
const b = a;
const c = b;
const d = c;
const e = d;
server.tool("t", e, async () => ({ content: [] }));
"""
    result = _run(src, Budgets(js_eval_depth=3))
    assert [t.name for t in result.tools] == ["t"]
    assert result.tools[0].description is None  # the chain was cut
    messages = _budget_errors(result, "js_eval_depth")
    assert any(m.startswith("tool 't': ") and "nesting too deep" in m for m in messages), result.errors
    # the same chain under the default budget is followed to its end
    assert _run(src, Budgets()).tools[0].description == "reads files"


def test_eval_steps_budget() -> None:
    src = """
const d = "a" + "b" + "c" + "d" + "e" + "f" + "g" + "h";
server.tool("t", d, async () => ({ content: [] }));
"""
    result = _run(src, Budgets(js_eval_steps=5))
    assert result.tools[0].description is None
    messages = _budget_errors(result, "js_eval_steps")
    assert any(m.startswith("tool 't': a value evaluated in index.js:<module>") for m in messages), result.errors
    assert _run(src, Budgets()).tools[0].description == "abcdefgh"


def test_instances_budget_names_what_was_cut() -> None:
    src = """
for (const name of ["one", "two", "three"]) {
  server.tool(name, "a tool", async () => ({ content: [] }));
}
"""
    full = _run(src, Budgets())
    assert sorted(t.name for t in full.tools) == ["one", "three", "two"]
    result = _run(src, Budgets(js_instances=2))
    assert sorted(t.name for t in result.tools) == ["one", "two"]
    messages = _budget_errors(result, "js_instances")
    assert any("tool registrations in index.js:<module>" in m and "first 2 of 3" in m for m in messages), result.errors


def test_budgets_come_from_the_run_options(tmp_path: Path) -> None:
    """The frontend reads its budgets from `options.limits.budgets`."""
    src = HEADER + 'for (const name of ["one", "two", "three"]) { server.tool(name, "d", async () => ({})); }\n'
    path = tmp_path / "index.js"
    path.write_text(src, "utf-8")
    tree = SourceTree(root=tmp_path, files=(SourceFile("index.js", path, Language.JAVASCRIPT, FileRole.SOURCE,
                                                       len(src)),),
                      name="t", version=None, languages=(Language.JAVASCRIPT,))
    options = InspectOptions(limits=AnalysisLimits(budgets=Budgets(js_instances=1)))
    result = JavaScriptFrontend().analyze(tree, [], options)
    assert [t.name for t in result.tools] == ["one"]
    assert _budget_errors(result, "js_instances"), result.errors
