"""Predicates bound through a call, allow-lists that are a parameter's (held while no tool argument
makes the container), the path alphabet of relative patterns and of character filters."""

from __future__ import annotations

from mcpvet.analysis import Budgets, FlowSolver, FunctionFlow, param_namer, tool_control
from mcpvet.analysis.alphabet import alphabet_roles, safe_roles
from mcpvet.analysis.flow import CallFlow, Check, SinkFlow


def _control(flows: dict[str, FunctionFlow], root: str = "tool", schema: dict | None = None) -> dict:
    return tool_control([FlowSolver(flows.get, Budgets()).summary(root)], param_namer(schema))


def _predicate_flows(truths: list[tuple[int, list[Check]]] | None) -> dict[str, FunctionFlow]:
    return {
        "tool": FunctionFlow(params=("name",),
                             calls={"1": CallFlow({"is_valid": {"v": frozenset({"p:name"})}}, line=3)},
                             checks=[Check("any", frozenset(), 4, 9, call="1", predicate=True)],
                             sinks=[SinkFlow("t.py", 6, "path", frozenset({"p:name"})),
                                    SinkFlow("t.py", 7, "sql", frozenset({"p:name"}))]),
        "is_valid": FunctionFlow(params=("v",), truths=truths),
    }


def test_a_predicate_that_passed_checks_what_it_was_given_for_its_roles() -> None:
    control = _control(_predicate_flows([(2, [Check("path", frozenset({"p:v"}), 0, 0)])]))
    assert ("t.py", 6, 0) not in control  # the path role: checked
    assert control[("t.py", 7, 0)][0].params == ("name",)  # SQL: not


def test_a_predicate_holds_only_what_every_true_answer_tells() -> None:
    both = [(2, [Check("path", frozenset({"p:v"}), 0, 0)]), (4, [Check("any", frozenset({"p:v"}), 0, 0)])]
    assert ("t.py", 6, 0) not in _control(_predicate_flows(both))
    # a `return True` with no check on its line tells nothing: the predicate checks nothing
    loose = [(2, [Check("path", frozenset({"p:v"}), 0, 0)]), (4, [])]
    assert _control(_predicate_flows(loose))[("t.py", 6, 0)][0].params == ("name",)
    assert _control(_predicate_flows(None))[("t.py", 6, 0)][0].params == ("name",)


def test_a_return_true_where_a_check_holds_is_a_predicate() -> None:
    flows = _predicate_flows([(5, [])])
    flows["is_valid"].checks.append(Check("path", frozenset({"p:v"}), 3, 6))
    assert ("t.py", 6, 0) not in _control(flows)


def _held_flows(container: str) -> dict[str, FunctionFlow]:
    # tool(name, allowed): resolve(manager, name) raises unless name in manager, returns ROOT/name
    return {
        "tool": FunctionFlow(params=("name", "allowed"),
                             calls={"1": CallFlow({"resolve": {"manager": frozenset({container} - {""}),
                                                               "n": frozenset({"p:name"})}}, line=3)},
                             sinks=[SinkFlow("t.py", 5, "path", frozenset({"c:1"}))]),
        "resolve": FunctionFlow(params=("manager", "n"),
                                checks=[Check("any", frozenset({"p:n"}), 4, 9, unless=frozenset({"p:manager"}))],
                                returns=frozenset({"p:n"}), returned=[(6, frozenset({"p:n"}), frozenset({"p:n"}))]),
    }


def test_an_allow_list_given_by_the_caller_holds_when_no_tool_argument_makes_it() -> None:
    assert ("t.py", 5, 0) not in _control(_held_flows(""))  # the package's own registry (a module global)
    assert ("t.py", 5, 0) not in _control(_held_flows("p:self.registry"))  # a receiver's attribute
    # the model chooses the allow-list: no check
    assert _control(_held_flows("p:allowed"))[("t.py", 5, 0)][0].params == ("name",)


def test_an_allow_list_held_through_another_call_is_bound_again() -> None:
    flows = _held_flows("p:manager")
    flows["outer"] = FunctionFlow(params=("name", "allowed"),
                                  calls={"9": CallFlow({"tool": {"name": frozenset({"p:name"}),
                                                                 "manager": frozenset({"p:allowed"})}}, line=2)})
    flows["tool"] = FunctionFlow(params=("name", "manager"), calls=flows["tool"].calls, sinks=flows["tool"].sinks)
    assert _control(flows, "outer")[("t.py", 5, 0)][0].params == ("name",)
    flows["outer"].calls["9"] = CallFlow({"tool": {"name": frozenset({"p:name"})}}, line=2)
    assert ("t.py", 5, 0) not in _control(flows, "outer")


def test_relative_patterns_are_safe_paths() -> None:
    arxiv = r"^(\d{4}\.\d{4,5}(v\d+)?|[a-z\-]+(/[a-z\-]+)?/\d{7}(v\d+)?)$"
    assert "path" in safe_roles(arxiv)
    assert "path" in safe_roles(r"^[a-z]+(/[a-z]+)*$")
    assert "path" not in safe_roles(r"^[a-z/]+$")  # may start with `/`: an absolute path
    assert "path" not in safe_roles(r"^[a-z./]+$")  # `..`
    assert "path" not in safe_roles(r"^(\.\d|[a-z/]+)$")


def test_the_roles_of_an_alphabet() -> None:
    word = set("abcXYZ019_")
    assert set(alphabet_roles(word | set("-."))) >= {"path", "shell", "template"}
    assert "sql" not in alphabet_roles(word | set("-."))  # `--` starts a comment
    assert "path" not in alphabet_roles(word | set("/."))
    assert "sql" in alphabet_roles(word) and "path" in alphabet_roles(word | {"é"})


def test_a_guard_keeps_no_held_reference() -> None:
    """A guard bound to a held reference (`k:`) could name no tool parameter (`tool_control` reads
    `p:` atoms): it is not kept, so that guards do not grow with every projection of a held value
    (tens of thousands in excel-mcp-server), and the control found is the same."""
    flows = _held_flows("p:allowed")
    flows["tool"].calls["2"] = CallFlow({"check": {"v": frozenset({"c:1"})}}, line=4)
    flows["check"] = FunctionFlow(params=("v",), guards=[("path", frozenset({"p:v", "p:v.a", "p:v.a.b"}))])
    summary = FlowSolver(flows.get, Budgets()).summary("tool")
    assert not any(r.startswith("k:") for refs in summary.guards.values() for r in refs)
    assert tool_control([summary], param_namer(None))[("t.py", 5, 0)][0].params == ("name",)
