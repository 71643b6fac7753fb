"""A parameter's binding evaluated once (`Program.bound_value`) gives the answers evaluating it every
time gave: the same tools, capabilities, unresolved calls and budget cuts, also when js_eval_steps or
js_eval_depth is so low that evaluations run out half-way (the reuse counts the steps evaluating
again would take)."""

from __future__ import annotations

import dataclasses

import pytest

from mcpvet.analysis.budgets import Budgets
from mcpvet.frontends.javascript import program
from mcpvet.frontends.javascript.extract import extract_module
from mcpvet.frontends.javascript.frontend import analyse_modules
from mcpvet.model import FrontendResult

# a path helper whose parameter is called through many methods (each call on it is bound under every
# binding of the function: `graph.bind_call`), reached from several tools through helpers of their own
SRC = """
const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const path = require("path");
const fs = require("fs");
const cp = require("child_process");
const server = new McpServer({});
const ROOT = path.join(__dirname, "data");
function expandHome(p) { return p.startsWith("~") ? path.join(process.env.HOME, p.slice(1)) : p; }
function normalizePath(p) {
  p = p.trim().replace(/"/g, "");
  if (p.startsWith("/mnt/")) { return p.replace(/\\//g, "\\\\"); }
  if (p.match(/^[a-z]:/)) { return p.charAt(0).toUpperCase() + p.slice(1); }
  return p.replace(/\\/+/g, "/").replace(/\\/$/, "");
}
function validate(requested) {
  const abs = path.resolve(expandHome(normalizePath(requested)));
  const real = normalizePath(fs.realpathSync(path.resolve(ROOT, abs)));
  return real.includes(ROOT) ? real : normalizePath(path.join(ROOT, real));
}
function runner(fn) { return (x) => fn(validate(x)); }
const read = runner((p) => fs.readFileSync(normalizePath(p)));
const exec = runner((p) => cp.execSync(normalizePath(p)));
server.tool("read", "reads", async (a) => read(validate(a.path)));
server.tool("write", "writes", async (a) => fs.writeFileSync(validate(normalizePath(a.path)), a.text));
server.tool("list", "lists", async (a) => fs.readdirSync(validate(expandHome(a.dir))));
server.tool("run", "runs", async (a) => exec(validate(a.cmd)));
"""


def _run(budgets: Budgets) -> FrontendResult:
    module = extract_module("index.js", "javascript", SRC.encode("utf-8"))
    return analyse_modules([module], [], budgets=budgets)


def _answers(result: FrontendResult) -> str:
    return repr((result.tools, sorted(result.errors, key=repr), result.package_behaviour,
                 {k: v for k, v in result.stats.items() if "seconds" not in k}))


@pytest.mark.parametrize("change", [{}, *({"js_eval_steps": n} for n in (3, 8, 15, 30, 60, 120, 250)),
                                    *({"js_eval_depth": n} for n in (4, 8, 12, 20))])
def test_answers_equal_evaluating_every_time(change: dict[str, int], monkeypatch: pytest.MonkeyPatch) -> None:
    budgets = dataclasses.replace(Budgets(), **change)
    kept = _answers(_run(budgets))
    monkeypatch.setattr(program, "BOUND_MEMO_ENTRIES", 0)  # nothing kept: every binding evaluated each time
    assert kept == _answers(_run(budgets))


@pytest.mark.parametrize("steps", [20, 60, 250, Budgets().js_eval_steps])
def test_a_reuse_is_what_evaluating_again_gives_in_as_many_steps(steps: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """At every reuse, the binding is also evaluated afresh (nothing reused below it): the same value, the
    same number of steps, no new memoised value, no cut."""
    reused: list[bool] = []
    original = program.Program.bound_value

    def checked(self: program.Program, bound: tuple[program.IR, program.Env], depth: int) -> program.Value:
        hit = self._bound_memo.get((id(bound), depth))
        if hit is not None and hit[0] is bound and self._steps + hit[2] <= self.max_steps:
            state = (self._steps, self._ticks, self._exhausted, self._hidden, self._resets, self.cuts.made)
            memoised = len(self._memo)
            self._guarded += 1  # evaluated afresh: no binding reused below
            try:
                fresh = self.value(bound[0], bound[1], depth)
            finally:
                self._guarded -= 1
            assert repr(fresh) == repr(hit[1])
            assert self._steps - state[0] == hit[2]
            assert len(self._memo) == memoised and self.cuts.made == state[5]
            assert not self._exhausted or state[2]
            self._steps, self._ticks, self._exhausted, self._hidden, self._resets, self.cuts.made = state
            reused.append(True)
        return original(self, bound, depth)

    monkeypatch.setattr(program.Program, "bound_value", checked)
    result = _run(dataclasses.replace(Budgets(), js_eval_steps=steps))
    assert {t.name for t in result.tools} == {"read", "write", "list", "run"}
    # with 20 steps the evaluation may run out before any binding is met twice (the one call site's binding
    # of a parameter, `sole_binding`, is read without one); from 60 on, bindings are reused
    assert reused or steps < 60
