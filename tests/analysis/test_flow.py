"""The shared data-flow solver (`mcpvet.analysis.flow`) on hand-written function flows."""

from __future__ import annotations

from mcpvet.analysis import BudgetCuts, Budgets, FlowSolver, FunctionFlow, param_namer, tool_control
from mcpvet.analysis.flow import CallFlow, SinkFlow


def _solver(flows: dict[str, FunctionFlow], budgets: Budgets | None = None, cuts: BudgetCuts | None = None) -> FlowSolver:
    b = budgets or Budgets()
    record = (lambda what: cuts.cut("taint_functions", what)) if cuts is not None else None
    return FlowSolver(flows.get, b, record)


def test_a_parameter_reaches_a_sink_through_a_local_and_a_helper() -> None:
    flows = {
        "tool": FunctionFlow(params=("host", "count"), defs={"line": frozenset({"c:1"})},
                             calls={"1": CallFlow({"fmt": {"h": frozenset({"p:host"})}})},
                             sinks=[SinkFlow("s.py", 9, "shell", frozenset({"v:line"}))]),
        "fmt": FunctionFlow(params=("h",), returns=frozenset({"p:h"})),
    }
    control = tool_control([_solver(flows).summary("tool")], param_namer(None))
    [c] = control[("s.py", 9, 0)]
    assert (c.role, c.params) == ("shell", ("host",))


def test_a_sink_inside_a_callee_is_mapped_to_the_callers_parameters() -> None:
    flows = {
        "tool": FunctionFlow(params=("arguments",),
                             calls={"1": CallFlow({"run": {"cmd": frozenset({"p:arguments.command"})}})}),
        "run": FunctionFlow(params=("cmd",), sinks=[SinkFlow("r.py", 3, "program", frozenset({"p:cmd"}),
                                                             frozenset({"p:cmd"}))]),
    }
    control = tool_control([_solver(flows).summary("tool")], param_namer(None))
    [c] = control[("r.py", 3, 0)]
    assert c.params == ("command",) and c.lead == ("command",)


def test_a_containment_guard_in_a_callee_cuts_path_flows_only() -> None:
    flows = {
        "tool": FunctionFlow(params=("name",), calls={"1": CallFlow({"check": {"p": frozenset({"p:name"})}})},
                             sinks=[SinkFlow("t.py", 5, "path", frozenset({"p:name"})),
                                    SinkFlow("t.py", 6, "sql", frozenset({"p:name"}))]),
        "check": FunctionFlow(params=("p",), guards=[("path", frozenset({"p:p"}))]),
    }
    control = tool_control([_solver(flows).summary("tool")], param_namer(None))
    assert ("t.py", 5, 0) not in control
    assert control[("t.py", 6, 0)][0].params == ("name",)


def test_closures_read_the_callers_names_and_schema_filters_parameters() -> None:
    flows = {
        "outer": FunctionFlow(params=("query", "ctx"), defs={"q": frozenset({"p:query", "p:ctx"})},
                              calls={"1": CallFlow({"inner": {}})}),
        "inner": FunctionFlow(sinks=[SinkFlow("i.py", 2, "sql", frozenset({"^q"}))]),
    }
    schema = {"type": "object", "properties": {"query": {"type": "string"}}}
    control = tool_control([_solver(flows).summary("outer")], param_namer(schema))
    assert control[("i.py", 2, 0)][0].params == ("query",)


def test_recursion_terminates_and_the_budget_cut_is_recorded() -> None:
    flows = {
        "a": FunctionFlow(params=("x",), calls={"1": CallFlow({"b": {"y": frozenset({"p:x"})}})}),
        "b": FunctionFlow(params=("y",), calls={"1": CallFlow({"a": {"x": frozenset({"p:y"})}})},
                          sinks=[SinkFlow("b.py", 1, "code", frozenset({"p:y"}))]),
    }
    assert tool_control([_solver(flows).summary("a")], param_namer(None))[("b.py", 1, 0)][0].params == ("x",)
    cuts = BudgetCuts()
    solver = _solver(flows, Budgets(taint_functions=1), cuts)
    assert tool_control([solver.summary("a")], param_namer(None)) == {}
    assert any(k[0] == "taint_functions" for k in cuts.cuts)


def test_data_of_every_argument_keeps_sources_and_is_kept_when_nothing_flows() -> None:
    flows = {
        "tool": FunctionFlow(params=("note",),
                             calls={"1": CallFlow({"send": {"body": frozenset({"p:note", "s:env:TOKEN"})}})},
                             sinks=[SinkFlow("t.py", 3, "data", frozenset())]),
        "send": FunctionFlow(params=("body",), sinks=[SinkFlow("s.py", 7, "data", frozenset({"p:body", "s:file"}))]),
    }
    control = tool_control([_solver(flows).summary("tool")], param_namer(None))
    [sent] = control[("s.py", 7, 0)]
    assert (sent.role, sent.params, sent.sources) == ("data", ("note",), ("env:TOKEN", "file"))
    [nothing] = control[("t.py", 3, 0)]
    assert (nothing.params, nothing.sources, nothing.opaque) == ((), (), False)


def test_a_member_of_a_local_object_is_a_projection_of_what_made_it() -> None:
    # args = Fetch(**arguments); get(args.url): the member of the object is the `url` argument
    flows = {
        "tool": FunctionFlow(params=("arguments",), defs={"args": frozenset({"p:arguments"})},
                             sinks=[SinkFlow("f.py", 4, "url", frozenset({"v:args#url"}), frozenset({"v:args#url"}))]),
    }
    schema = {"type": "object", "properties": {"url": {}, "max_length": {}}}
    control = tool_control([_solver(flows).summary("tool")], param_namer(schema))
    [c] = control[("f.py", 4, 0)]
    assert (c.params, c.lead) == (("url",), ("url",))


def test_attributes_of_an_unbound_self_are_opaque() -> None:
    flows = {"tool": FunctionFlow(params=("self", "q"),
                                  sinks=[SinkFlow("c.py", 2, "data", frozenset({"p:self.token", "p:q"}))])}
    [c] = tool_control([_solver(flows).summary("tool")], param_namer(None))[("c.py", 2, 0)]
    assert c.params == ("q",) and c.opaque


def test_a_value_made_of_many_projections_keeps_their_parameters() -> None:
    from mcpvet.analysis.flow import MAX_REFS

    many = frozenset(f"p:args.k{i}" for i in range(MAX_REFS + 5)) | {"s:env:TOKEN"}
    flows = {"tool": FunctionFlow(params=("args",), defs={"x": many},
                                  sinks=[SinkFlow("m.py", 1, "data", frozenset({"v:x"}))])}
    summary = _solver(flows).summary("tool")
    assert summary.sinks[("m.py", 1, "data", 0)][0] == {"p:args", "s:env:TOKEN"}


def test_a_helper_handed_the_whole_environment_reads_the_variables_it_names() -> None:
    # `settings(process.env)` reading `env.REGION` and `opts.env.LANG` reads two variables; one that
    # serialises the whole object (`JSON.stringify(env)`, the unprojected parameter) reads them all
    flows = {
        "tool": FunctionFlow(params=(), calls={"1": CallFlow({"one": {"env": frozenset({"s:env:*"})}}),
                                               "2": CallFlow({"all": {"env": frozenset({"s:env:*"})}})},
                             sinks=[SinkFlow("t.js", 4, "data", frozenset({"c:1"})),
                                    SinkFlow("t.js", 5, "data", frozenset({"c:2"}))]),
        "one": FunctionFlow(params=("env",), returns=frozenset({"p:env.REGION", "p:env.opts.LANG", "p:env.items"})),
        "all": FunctionFlow(params=("env",), returns=frozenset({"p:env"})),
    }
    control = tool_control([_solver(flows).summary("tool")], param_namer(None))
    assert control[("t.js", 4, 0)][0].sources == ("env:*", "env:LANG", "env:REGION")  # `env.items` is a method
    assert control[("t.js", 5, 0)][0].sources == ("env:*",)


def test_member_of_the_environment() -> None:
    from mcpvet.analysis.flow import member

    assert member("s:env:*", "REGION") == "s:env:REGION"
    assert member("s:env:*", "toString") == "s:env:*"
    assert member("s:env:*", "http_proxy", variable=True) == "s:env:http_proxy"
    assert member("s:file", "X") == "s:file"
    assert member("p:a", "b") == "p:a.b"


def test_the_whole_arguments_object_is_every_argument_as_data_never_a_slot() -> None:
    from mcpvet.analysis.flow import ALL_ARGUMENTS, DATA
    from mcpvet.frontends.javascript.taint import js_param_namer

    name_of = js_param_namer({"type": "object", "properties": {"data": {"type": "array"}}})
    assert name_of("@7_0") == ALL_ARGUMENTS  # `(args) => post(url, args)`
    assert name_of("@7_0.params.arguments") == ALL_ARGUMENTS  # a low-level handler's request
    assert name_of("@7_0.data") == "data"
    assert name_of("@7_1") is None  # the handler's second parameter (the request's extra)
    assert name_of("@7_-1") is None
    flows = {
        "tool": FunctionFlow(params=("@7_0",), sinks=[SinkFlow("c.js", 4, "url", frozenset({"p:@7_0"})),
                                                      SinkFlow("c.js", 4, DATA, frozenset({"p:@7_0"}))]),
    }
    control = tool_control([_solver(flows).summary("tool")], name_of)
    by_role = {c.role: c for c in control[("c.js", 4, 0)]}
    assert by_role[DATA].params == (ALL_ARGUMENTS,)
    assert "url" not in by_role  # the whole object chooses no slot


def test_the_calls_of_one_line_are_told_apart_by_column() -> None:
    # a minified bundle: two requests on line 2, one to a host an argument chooses, one with a secret
    flows = {"tool": FunctionFlow(params=("url",), sinks=[
        SinkFlow("b.js", 2, "url", frozenset({"p:url"}), frozenset({"p:url"}), column=10),
        SinkFlow("b.js", 2, "data", frozenset({"s:env:KEY"}), column=90),
    ])}
    control = tool_control([_solver(flows).summary("tool")], param_namer(None))
    assert [c.role for c in control[("b.js", 2, 10)]] == ["url"]
    assert [(c.role, c.sources) for c in control[("b.js", 2, 90)]] == [("data", ("env:KEY",))]
    # a site of column 0 (a semgrep hit, placed by its line only) sees every call of its line
    assert sorted(c.role for c in control[("b.js", 2, 0)]) == ["data", "url"]


def test_the_rounds_stop_once_a_round_changes_nothing() -> None:
    """A value found again that is part of the one found before (a cut one: past MAX_REFS, projections
    collapse to their parameter) changes nothing: the fixed point stops there, not after a round per
    name, with the same result."""
    # `w` is 40 projections; `v` is `w` and 11 more: cut (51 > MAX_REFS) once `w` is known, and then found again
    defs = {"v": frozenset({"v:w", "p:a.x", *(f"p:c.k{i}" for i in range(10))}),
            "w": frozenset(f"p:args.k{i}" for i in range(40)), **{f"unused{i}": frozenset({"p:b"}) for i in range(20)}}
    flows = {"tool": FunctionFlow(params=("a", "args", "b", "c"), defs=defs,
                                  sinks=[SinkFlow("t.py", 3, "shell", frozenset({"v:v"}))])}
    solver = _solver(flows)
    control = tool_control([solver.summary("tool")], param_namer(None))
    assert control[("t.py", 3, 0)][0].params == ("a", "args", "c")
    assert solver.rounds == 3  # was len(defs) + 2 = 24
