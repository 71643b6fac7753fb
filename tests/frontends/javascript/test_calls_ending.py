"""`Program.calls_ending`: the calls whose written callee ends with a given text, in the package's
order, found through an index of the callees' final names: the same calls as a scan of every call."""

from __future__ import annotations

from mcpvet.analysis.budgets import Budgets
from mcpvet.frontends.javascript.extract import extract_module
from mcpvet.frontends.javascript.program import Program, _name_tail

SRC = """
function run(x) { return x; }
function rerun(y) { return run(y); }
class Tool { constructor(s) { this.s = s; } run() { return this.s.run(1); } }
const t = new Tool(server);
t.run(); prerun(); rerun(2); obj["run"](3); a.b.$run(4); run$(5); tools[i].run(6);
new Tool(other); ns.Tool(7); x.y.z(8); run(9)(10); (() => 1)(); über.run(); fooRun();
"""


def _every_call(program: Program, short: str) -> tuple[object, ...]:
    return tuple(c for g in program.functions.values() for c in g.calls if c.text[-len(short):] == short)


def test_the_calls_ending_with_a_text_are_those_a_scan_finds_in_the_same_order() -> None:
    program = Program([extract_module("index.js", "javascript", SRC.encode("utf-8"))], Budgets())
    texts = {c.text for g in program.functions.values() for c in g.calls}
    assert {"t.run", "prerun", "rerun", "run", "a.b.$run", "run$", "tools[i].run"} <= texts
    shorts = ["run", "un", "Run", "$run", "run$", "Tool", "z", "]", '"run"]', ".run", "b.$run", "über.run", "n",
              "run@3:17", ")", "i].run", "s[i].run", "(10)", "(9)(10)", "$"]
    shorts += sorted({c.text[-k:] for c in (c for g in program.functions.values() for c in g.calls)
                      for k in (1, 2, 3, 5) if c.text})
    for short in shorts:
        found = program.calls_ending(short)
        assert tuple(found) == _every_call(program, short), short
        assert program.calls_ending(short) is found  # answered once
    assert len(program.calls_ending("run")) >= 8


def test_the_name_a_callee_ends_with() -> None:
    assert _name_tail("this.server.tool") == "tool"
    assert _name_tail("a.b.$run_2") == "$run_2"
    assert _name_tail('obj["run"]') == ""
    assert _name_tail("über") == "über"
    assert _name_tail("") == ""
