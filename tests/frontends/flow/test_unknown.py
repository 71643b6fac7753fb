"""A value the data flow could not follow is unknown, never "nothing" (`flow.UNKNOWN`)."""

from __future__ import annotations

from mcpvet.analysis.budgets import Budgets
from mcpvet.analysis.flow import DATA, UNKNOWN, CallFlow, FlowSolver, FunctionFlow, SinkFlow, tool_control


def _flows() -> dict[str, FunctionFlow]:
    # handler(x): v = helper(x); post(v)      helper(y): return y
    return {
        "handler": FunctionFlow(params=("x",), defs={"v": frozenset({"c:1"})},
                                calls={"1": CallFlow({"helper": {"y": frozenset({"p:x"})}})},
                                sinks=[SinkFlow("a.py", 3, DATA, frozenset({"v:v"}))]),
        "helper": FunctionFlow(params=("y",), returns=frozenset({"p:y"})),
    }


def test_a_result_past_the_function_budget_is_unknown() -> None:
    flows = _flows()
    cuts: list[str] = []
    solver = FlowSolver(flows.get, Budgets(taint_functions=1), cuts.append)
    [control] = tool_control([solver.summary("handler")], lambda a: a)[("a.py", 3, 0)]
    assert control.opaque and control.params == () and control.sources == ()
    assert cuts


def test_a_result_the_budget_allowed_is_followed() -> None:
    flows = _flows()
    solver = FlowSolver(flows.get, Budgets())
    [control] = tool_control([solver.summary("handler")], lambda a: a)[("a.py", 3, 0)]
    assert not control.opaque and control.params == ("x",)


def test_the_unknown_marker_is_no_source() -> None:
    flow = FunctionFlow(params=(), sinks=[SinkFlow("a.py", 1, DATA, frozenset({UNKNOWN, "s:env:HOME"}))])
    solver = FlowSolver({"h": flow}.get, Budgets())
    [control] = tool_control([solver.summary("h")], lambda a: a)[("a.py", 1, 0)]
    assert control.opaque and control.sources == ("env:HOME",)
