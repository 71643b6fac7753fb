from __future__ import annotations

import pytest

from mcpvet.analysis import BudgetCuts, Budgets
from mcpvet.analysis.budgets import MAX_CUTS_LISTED
from mcpvet.options import InspectOptions


def test_every_budget_states_its_reason() -> None:
    reasons = Budgets.reasons()
    assert set(reasons) == set(Budgets.names())
    assert all(len(r.split()) >= 5 for r in reasons.values())


def test_the_run_carries_one_budgets_object() -> None:
    assert InspectOptions().limits.budgets == Budgets()


def test_cuts_become_errors_naming_budget_tool_and_value() -> None:
    cuts = BudgetCuts()
    assert not cuts
    cuts.cut("py_loop_unroll", "the loop at server.py:12", tool="make_tool")
    cuts.cut("py_loop_unroll", "the loop at server.py:12", tool="make_tool")
    cuts.cut("js_call_sites", "call sites of helper()", path="dist/index.js")
    errors = cuts.errors(Budgets(py_loop_unroll=3))
    assert len(errors) == 2 and all(e.stage == "budget" for e in errors)
    loop = next(e for e in errors if "py_loop_unroll" in e.message)
    assert "tool 'make_tool'" in loop.message and "(3)" in loop.message and "2 times" in loop.message
    assert next(e for e in errors if "js_call_sites" in e.message).path == "dist/index.js"


def test_unknown_budget_is_a_bug_not_a_silent_cut() -> None:
    with pytest.raises(ValueError):
        BudgetCuts().cut("no_such_budget", "x")


def test_many_cuts_are_summarised() -> None:
    cuts = BudgetCuts()
    for i in range(MAX_CUTS_LISTED + 7):
        cuts.cut("js_environments", f"function f{i}")
    errors = cuts.errors(Budgets())
    assert len(errors) == MAX_CUTS_LISTED + 1 and "7 more" in errors[-1].message
