"""No silent budget: each JavaScript budget, hit by a small fixture, shows up in errors[].

Every fixture lowers one budget of `Budgets` far enough that a few lines of code reach it; the
entry names the budget and, where the tool is known, the tool whose analysis it cut.
"""

from __future__ import annotations

from pathlib import Path

from mcpvet.analysis.budgets import Budgets, analysis_clock
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


# -- frontend_seconds: the budget of the whole frontend (waiting for parsing in wall-clock time, the
#    analysis in CPU time of the process, `analysis_clock`)
def _write(root: Path, files: dict[str, str]) -> SourceTree:
    entries = []
    for rel, text in sorted(files.items()):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
        entries.append(SourceFile(rel, path, Language.JAVASCRIPT, FileRole.SOURCE, len(text)))
    return SourceTree(root=root, files=tuple(entries), name="t", version=None, languages=(Language.JAVASCRIPT,))


SERVER = """
const cp = require("child_process");
function helper(x) { return cp.execSync(x); }
server.tool("t", "runs", async (a) => helper(a.cmd));
"""


def test_frontend_seconds_default_cuts_nothing() -> None:
    result = _run(SERVER, Budgets())
    assert [t.name for t in result.tools] == ["t"]
    assert not _budget_errors(result, "frontend_seconds"), result.errors
    assert not any("frontend_seconds" in u for u in result.tools[0].unresolved_calls)


def test_frontend_seconds_out_before_the_analysis_names_what_was_not_searched() -> None:
    """A clock that has run out before the analysis: it returns, and errors[] names the budget, the
    files not searched for registrations and the functions not analysed (no tool silently missing)."""
    module = extract_module("index.js", "javascript", (HEADER + SERVER).encode("utf-8"))
    for seconds, started in ((0, None), (0.001, analysis_clock() - 1)):  # the second: parsing took 1 s
        budgets = Budgets(frontend_seconds=seconds)  # type: ignore[arg-type]
        result = analyse_modules([module], [], budgets=budgets, started=started)
        assert not result.tools
        messages = _budget_errors(result, "frontend_seconds")
        assert any("tool registrations not searched" in m and "index.js" in m for m in messages), result.errors
        assert any("call graph not finished" in m and "index.js:<module>" in m for m in messages), result.errors
        # the "no tool declaration recognised" note would be wrong: the files were not searched
        assert not any("no MCP tool declaration recognised" in e.message for e in result.errors), result.errors


def test_frontend_seconds_through_the_frontend_names_files_not_parsed(tmp_path: Path) -> None:
    """Parsing counts toward the budget: past the deadline the files not yet parsed are named."""
    tree = _write(tmp_path, {"a.js": HEADER + SERVER, "b.js": "module.exports = 1;\n"})
    options = InspectOptions(limits=AnalysisLimits(budgets=Budgets(frontend_seconds=0)))
    result = JavaScriptFrontend().analyze(tree, [], options)
    messages = _budget_errors(result, "frontend_seconds")
    assert any("files not parsed" in m and "b.js" in m for m in messages), result.errors
    assert any("tool registrations not searched" in m and "a.js" in m for m in messages), result.errors
    assert not any("no tools found" in e.message for e in result.errors), result.errors
    full = JavaScriptFrontend().analyze(tree, [], InspectOptions())
    assert [t.name for t in full.tools] == ["t"] and not _budget_errors(full, "frontend_seconds")


def test_frontend_seconds_marks_the_tools_it_cut(monkeypatch) -> None:
    """The clock runs out while a registration is evaluated: the tool found is kept, named in errors[]
    and marked by an unresolved entry; what comes after it is reported as not searched."""
    from mcpvet.frontends.javascript.tools import ToolFinder

    high_level = ToolFinder.high_level

    def late(self: ToolFinder, *args: object) -> None:
        high_level(self, *args)  # type: ignore[arg-type]
        self.p.expired = True

    monkeypatch.setattr(ToolFinder, "high_level", late)
    result = _run(SERVER + 'server.tool("u", "later", async () => ({ content: [] }));\n', Budgets())
    assert [t.name for t in result.tools] == ["t"]
    assert any("frontend_seconds" in u for u in result.tools[0].unresolved_calls)
    messages = _budget_errors(result, "frontend_seconds")
    assert any(m.startswith("tool 't': ") for m in messages), result.errors
    assert any("tool registrations not searched" in m for m in messages), result.errors


def test_frontend_seconds_while_the_call_graph_is_built(monkeypatch) -> None:
    """The clock runs out during graph building: the functions not analysed carry an unresolved entry
    and are named in errors[]; the analysis still returns, and the tools are still found (the graph has
    only its share of the budget: a cut there costs capabilities, never tools)."""
    from mcpvet.frontends.javascript.graph import GraphBuilder

    call = GraphBuilder.call

    def late(self: GraphBuilder, *args: object) -> None:
        call(self, *args)  # type: ignore[arg-type]
        self.p.expired = True

    monkeypatch.setattr(GraphBuilder, "call", late)
    result = _run(SERVER, Budgets())
    messages = _budget_errors(result, "frontend_seconds")
    assert any("call graph not finished" in m for m in messages), result.errors
    assert [t.name for t in result.tools] == ["t"], result.errors
    assert any("frontend_seconds" in u for u in result.tools[0].unresolved_calls)


class _SlowClock:
    """A wall clock that runs `step` seconds further at every reading: a machine that slow."""

    def __init__(self, step: float) -> None:
        self.now, self.step = 0.0, step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


def _jobs() -> list:  # type: ignore[type-arg]
    from mcpvet.frontends.javascript.frontend import _Job

    return [_Job(f"m{i}.js", "javascript", (HEADER + SERVER).encode()) for i in range(4)]


def test_parsing_is_bounded_by_the_workers_cpu_time_not_by_a_slow_clock() -> None:
    """frontend_seconds of parsing is the parser workers' CPU time: a wall clock running 50 s at every
    look (a machine far busier than any real one) parses every file all the same."""
    from mcpvet.frontends.javascript.frontend import extract_all

    got = extract_all(_jobs(), InspectOptions(), 60.0, wall_clock=_SlowClock(50.0))
    assert [m.path for m in got.modules] == ["m0.js", "m1.js", "m2.js", "m3.js"]
    assert got.unparsed == [] and got.unparsed_by == ""
    used_up = extract_all(_jobs(), InspectOptions(), 0.0)  # no CPU time at all: the first file only
    assert used_up.unparsed == ["m1.js", "m2.js", "m3.js"] and used_up.unparsed_by == "cpu"


def test_the_wall_clock_backstop_of_parsing_is_reported_as_overload_not_as_a_budget(monkeypatch) -> None:
    """Past BACKSTOP_FACTOR times frontend_seconds of wall-clock time the parse stops: an errors[]
    entry of stage "overload" names the files not parsed, and no coverage budget is blamed."""
    from mcpvet.cputime import OVERLOAD, OVERLOAD_STAGE
    from mcpvet.frontends.javascript import frontend

    got = frontend.extract_all(_jobs(), InspectOptions(), 60.0, wall_clock=_SlowClock(400.0))
    assert got.unparsed_by == "wall" and got.unparsed == ["m2.js", "m3.js"]  # 800 s > 600 s after the 2nd

    real = frontend.extract_all

    def overloaded(jobs, options, parse_cpu_s=None, wall_clock=None):  # type: ignore[no-untyped-def]
        return real(jobs, options, parse_cpu_s, wall_clock=_SlowClock(10_000.0))

    monkeypatch.setattr(frontend, "extract_all", overloaded)
    tree_files = {"a.js": HEADER + SERVER, "b.js": "module.exports = 1;\n"}
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        result = JavaScriptFrontend().analyze(_write(Path(tmp), tree_files), [], InspectOptions())
    overload = [e.message for e in result.errors if e.stage == OVERLOAD_STAGE]
    assert len(overload) == 1 and overload[0].startswith(OVERLOAD) and "b.js" in overload[0], result.errors
    assert not _budget_errors(result, "frontend_seconds"), result.errors
    assert [t.name for t in result.tools] == ["t"]
