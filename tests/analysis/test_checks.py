"""Checks that hold on a range of lines (`flow.Check`), validators, enum-bound parameters and the
alphabet of anchored patterns (`analysis.alphabet`)."""

from __future__ import annotations

from mcpvet.analysis import Budgets, FlowSolver, FunctionFlow, enum_parameters, param_namer, tool_control
from mcpvet.analysis.alphabet import anchored, contains_character, safe_roles
from mcpvet.analysis.flow import CallFlow, Check, SinkFlow


def _control(flows: dict[str, FunctionFlow], root: str = "tool", fixed: frozenset[str] = frozenset()) -> dict:
    return tool_control([FlowSolver(flows.get, Budgets()).summary(root)], param_namer(None), fixed)


def test_a_check_holds_on_its_lines_only() -> None:
    flows = {"tool": FunctionFlow(params=("name",), checks=[Check("any", frozenset({"p:name"}), 5, 9)],
                                  sinks=[SinkFlow("t.py", 3, "shell", frozenset({"p:name"})),
                                         SinkFlow("t.py", 7, "shell", frozenset({"p:name"}))])}
    control = _control(flows)
    assert ("t.py", 7, 0) not in control  # after the check
    assert control[("t.py", 3, 0)][0].params == ("name",)  # before it: the check came too late


def test_a_check_of_one_role_leaves_the_others() -> None:
    flows = {"tool": FunctionFlow(params=("name",), checks=[Check("path", frozenset({"p:name"}), 1, 9)],
                                  sinks=[SinkFlow("t.py", 4, "path", frozenset({"p:name"})),
                                         SinkFlow("t.py", 5, "shell", frozenset({"p:name"}))])}
    control = _control(flows)
    assert ("t.py", 4, 0) not in control and control[("t.py", 5, 0)][0].params == ("name",)


def test_a_check_on_another_value_cuts_nothing() -> None:
    flows = {"tool": FunctionFlow(params=("name", "folder"), checks=[Check("any", frozenset({"p:folder"}), 1, 9)],
                                  sinks=[SinkFlow("t.py", 4, "path", frozenset({"p:name"}))])}
    assert _control(flows)[("t.py", 4, 0)][0].params == ("name",)


def test_a_call_made_where_a_check_holds_reaches_its_sinks_checked() -> None:
    flows = {
        "tool": FunctionFlow(params=("name",), checks=[Check("any", frozenset({"p:name"}), 3, 9)],
                             calls={"1": CallFlow({"run": {"cmd": frozenset({"p:name"})}}, line=4),
                                    "2": CallFlow({"run": {"cmd": frozenset({"p:name"})}}, line=2)}),
        "run": FunctionFlow(params=("cmd",), sinks=[SinkFlow("r.py", 8, "shell", frozenset({"p:cmd"}))]),
    }
    # the call on line 2 (before the check) still reaches the sink with the name
    assert _control(flows)[("r.py", 8, 0)][0].params == ("name",)
    flows["tool"].calls.pop("2")
    assert ("r.py", 8, 0) not in _control(flows)


def test_a_validator_checks_what_its_callers_give_it() -> None:
    flows = {
        "tool": FunctionFlow(params=("name",),
                             calls={"1": CallFlow({"validate": {"n": frozenset({"p:name"})}}, line=3)},
                             checks=[Check("any", frozenset(), 4, 9, call="1")],
                             sinks=[SinkFlow("t.py", 6, "shell", frozenset({"p:name"}))]),
        "validate": FunctionFlow(params=("n",), checks=[Check("shell", frozenset({"p:n"}), 5, 4, exits=True)]),
    }
    assert ("t.py", 6, 0) not in _control(flows)
    # a function that checks nothing before it returns validates nothing
    flows["validate"] = FunctionFlow(params=("n",), checks=[Check("shell", frozenset({"p:n"}), 5, 9)])
    assert _control(flows)[("t.py", 6, 0)][0].params == ("name",)


def test_a_value_returned_where_an_allow_list_holds_is_not_the_argument() -> None:
    flows = {
        "tool": FunctionFlow(params=("name",), defs={"p": frozenset({"c:1"})},
                             calls={"1": CallFlow({"lookup": {"n": frozenset({"p:name"})}}, line=2)},
                             sinks=[SinkFlow("t.py", 3, "path", frozenset({"v:p"}))]),
        "lookup": FunctionFlow(params=("n",), checks=[Check("any", frozenset({"p:n"}), 4, 5)],
                               returns=frozenset({"p:n"}), returned=[(5, frozenset({"p:n"}), frozenset())]),
    }
    assert ("t.py", 3, 0) not in _control(flows)


def test_enum_parameters_choose_no_slot_but_stay_data() -> None:
    schema = {"type": "object", "properties": {
        "unit": {"type": "string", "enum": ["K", "M"]},
        "mode": {"anyOf": [{"const": "fast"}, {"type": "null"}]},
        "evil": {"type": "string", "enum": ["ok", "x; rm -rf ~"]},
        "free": {"type": "string"}}}
    assert enum_parameters(schema) == {"unit", "mode"}
    flows = {"tool": FunctionFlow(params=("unit",), sinks=[SinkFlow("t.py", 2, "shell", frozenset({"p:unit"})),
                                                           SinkFlow("t.py", 2, "data", frozenset({"p:unit"}))])}
    [data] = _control(flows, fixed=frozenset({"unit"}))[("t.py", 2, 0)]
    assert data.role == "data" and data.params == ("unit",)


def test_the_alphabet_of_anchored_patterns() -> None:
    assert "shell" in safe_roles(r"[A-Za-z0-9_.-]+") and "path" not in safe_roles(r"[\w./-]+")
    assert safe_roles(r"^(start|stop|status)$") == ("any",)
    assert safe_roles(r".+") == () and safe_roles(r"[^;]+") == ()
    assert "path" in safe_roles(r"[^/]+")
    assert "sql" not in safe_roles(r"[\w ]+") and "sql" in safe_roles(r"\d+")
    assert "shell" not in safe_roles(r"^[\w-]+$", trailing_newline=True)  # Python's `$` lets a final newline in
    assert anchored(r"^[\w-]+$", True, True) and anchored(r"^(a|b)$", True, True)
    assert not anchored(r"^a|b$", True, True) and not anchored(r"(?m)^a$", True, True)
    assert not anchored(r"[\w-]+", False, True)
    assert contains_character(r"[\/\\]", "/") and not contains_character(r"[a-z]/", "/")
