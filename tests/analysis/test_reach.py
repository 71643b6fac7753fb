"""The analysis core on hand-built graphs: reach, witness paths, evidence, unresolved, package behaviour."""

from __future__ import annotations

import pytest

from mcpvet.analysis import (
    AnalysisGraph,
    BudgetCuts,
    Budgets,
    CallEdge,
    Dispatch,
    FunctionNode,
    SinkSite,
    call_path,
    capabilities,
    package_behaviour,
    reach,
    unresolved_calls,
    witness,
)
from mcpvet.model import Kind


def graph(*edges: tuple[str, str] | CallEdge, resolve: dict[tuple[str, str], str] | None = None,
          variants: dict[str, str] | None = None) -> AnalysisGraph:
    g = AnalysisGraph(resolve_method=(lambda c, m: resolve.get((c, m))) if resolve is not None else None)
    names = sorted({n for e in edges for n in ((e.src, e.dst) if isinstance(e, CallEdge) else e)})
    for n in names:
        base = (variants or {}).get(n)
        g.add_node(FunctionNode(n, base or n, "a.py", 1, variant_of=base))
    for e in edges:
        g.add_edge(e if isinstance(e, CallEdge) else CallEdge(e[0], e[1], "call", 1))
    return g


def sink(g: AnalysisGraph, node: str, kind: Kind, line: int, name: str = "api", path: str = "a.py") -> None:
    if node not in g:
        g.add_node(FunctionNode(node, node, path, 1))
    g.add_sinks(node, [SinkSite(kind, name, path, line)])


# -- reach ------------------------------------------------------------------------------------------
def test_plain_reach_cycles_and_unknown_starts() -> None:
    g = graph(("h", "a"), ("a", "b"), ("b", "a"), ("b", "h"), ("x", "y"))
    found = reach(g, ["h", "nowhere"])
    assert set(found) == {"h", "a", "b"}
    assert found.pred["h"] is None and found.pred["a"] == "h" and found.pred["b"] == "a"
    assert witness(found, "b") == ("h", "a", "b")


def test_keyed_dispatch_group_followed_only_for_its_key() -> None:
    g = graph(
        CallEdge("call_tool", "case_read", "branch", 3, Dispatch("read", "g1")),
        CallEdge("call_tool", "case_run", "branch", 5, Dispatch("run", "g1")),
        CallEdge("call_tool", "log", "call", 2),
        CallEdge("case_run", "spawn", "call", 6),
    )
    assert set(reach(g, ["call_tool"], key="read")) == {"call_tool", "case_read", "log"}
    assert set(reach(g, ["call_tool"], key="run")) == {"call_tool", "case_run", "log", "spawn"}
    # a key the group does not name, or no key: the tool may be any branch
    assert set(reach(g, ["call_tool"], key="other")) == set(g)
    assert set(reach(g, ["call_tool"])) == set(g)


def test_dispatch_continued_in_a_branch_names_its_keys() -> None:
    # switch (name) { case "note": return … }  setup();  switch (name) { case "open": … }
    # the statements after the first switch are a branch ("rest") of the same group
    g = graph(
        CallEdge("call_tool", "case_note", "branch", 2, Dispatch("note", "g")),
        CallEdge("call_tool", "rest", "branch", 4, Dispatch("\x00rest", "g")),
        CallEdge("rest", "setup", "call", 4),
        CallEdge("rest", "case_open", "branch", 5, Dispatch("open", "g")),
        CallEdge("rest", "case_close", "branch", 7, Dispatch("close", "g")),
    )
    assert g.groups("call_tool")["g"] == {"note", "\x00rest", "open", "close"}
    assert set(reach(g, ["call_tool"], key="note")) == {"call_tool", "case_note"}
    # "open" follows the rest (it dispatches on "open" again), not the other branches
    assert set(reach(g, ["call_tool"], key="open")) == {"call_tool", "rest", "setup", "case_open"}
    assert set(reach(g, ["call_tool"], key="other")) == set(g)


def test_receiver_resolves_virtual_calls_through_this() -> None:
    # Base.run calls this.step(); A and B override step; the tool calls run on an A instance
    g = graph(
        CallEdge("tool", "Base.run", "call", 1, receiver="A"),
        CallEdge("Base.run", "A.step", "call", 2, method="step"),
        CallEdge("Base.run", "B.step", "call", 2, method="step"),
        CallEdge("Base.run", "inner", "nested", 2),
        CallEdge("inner", "B.step", "call", 3, method="step"),
        CallEdge("inner", "helper", "call", 3),
        resolve={("A", "step"): "A.step", ("B", "step"): "B.step"},
    )
    found = reach(g, ["tool"])
    assert "A.step" in found and "B.step" not in found  # the nested function keeps the receiver
    assert found.pred["helper"] == "inner"
    # a plain call forgets the receiver: run reached again from there follows every override
    g.add_edge(CallEdge("helper", "Base.run", "call", 4))
    assert "B.step" in reach(g, ["tool"])
    # an unknown receiver (run reached from elsewhere) follows every override
    assert {"A.step", "B.step"} <= set(reach(g, ["Base.run"]))
    # without a resolver, method edges are followed whatever the receiver
    unresolved = graph(*(e for es in g.edges.values() for e in es))
    assert "B.step" in reach(unresolved, ["tool"])


def test_receiver_state_visits_a_function_again_under_another_class() -> None:
    g = graph(
        CallEdge("tool", "x", "call", 1),
        CallEdge("tool", "y", "call", 1),
        CallEdge("x", "Base.run", "call", 1),  # receiver unknown
        CallEdge("y", "Base.run2", "call", 1, receiver="B"),
        CallEdge("Base.run2", "B.step", "call", 1, method="step"),
        CallEdge("Base.run2", "A.step", "call", 1, method="step"),
        resolve={("B", "step"): "B.step"},
    )
    found = reach(g, ["tool"])
    assert "B.step" in found and "A.step" not in found


def test_seeds_start_with_their_caller() -> None:
    g = graph(("h", "inner"), ("def.run", "exec"), ("other", "def.run"))
    found = reach(g, ["h"], seeds=[("def.run", "inner"), ("missing", "h")])
    assert set(found) == {"h", "inner", "def.run", "exec"}
    assert witness(found, "exec") == ("h", "inner", "def.run", "exec")


def test_follow_restricts_edge_kinds() -> None:
    g = graph(CallEdge("<module>", "case", "branch", 1, Dispatch("k", "g")), CallEdge("<module>", "main", "call", 2))
    assert set(reach(g, ["<module>"], follow=("branch",))) == {"<module>", "case"}


def test_witness_is_shortest_and_deterministic() -> None:
    # two shortest routes to s: the first callee in visiting order wins; a longer route never does
    edges = [("h", "b"), ("h", "a"), ("a", "s"), ("b", "s"), ("h", "c"), ("c", "d"), ("d", "s")]
    g = graph(*sorted(edges))
    paths = {witness(reach(g, ["h"]), "s") for _ in range(5)}
    assert paths == {("h", "a", "s")}
    g2 = graph(*sorted(edges, reverse=True))  # lowerings add callees sorted: the order decides ties
    assert witness(reach(g2, ["h"]), "s") == ("h", "b", "s")


def test_witness_survives_a_seed_cycle() -> None:
    g = graph(("h", "y"), ("y", "x"))
    found = reach(g, ["h"], seeds=[("x", "y")])
    assert witness(found, "x")[-1] == "x"  # terminates though x's caller was reached through x


def test_call_path_collapses_specialised_copies() -> None:
    g = graph(("h", "dispatch[name='a']"), ("dispatch[name='a']", "dispatch"), ("dispatch", "run"),
              variants={"dispatch[name='a']": "dispatch"})
    assert call_path(g, reach(g, ["h"]), "run") == ("h", "dispatch", "run")


def test_edges_are_unique_and_typed() -> None:
    g = graph(("a", "b"))
    g.add_edge(CallEdge("a", "b", "arg", 9))
    g.add_edge(CallEdge("a", "a", "call", 1))
    assert [e.kind for e in g.out("a")] == ["call"] and g.edge_count() == 1
    with pytest.raises(ValueError):
        g.add_edge(CallEdge("a", "c", "teleport", 1))


# -- evidence ---------------------------------------------------------------------------------------
def test_evidence_one_per_line_shortest_path_ordered_and_capped() -> None:
    g = graph(("h", "a"), ("a", "deep"), ("h", "near"), ("deep", "far"))
    sink(g, "far", Kind.NETWORK, 30, "requests.get", path="z.py")
    sink(g, "deep", Kind.NETWORK, 10, "urlopen", path="b.py")
    sink(g, "near", Kind.NETWORK, 10, "urlopen", path="b.py")  # same line as deep's: one item, shorter path
    for i in range(8):
        sink(g, "h", Kind.ENV, 100 + i, "os.environ")
    caps = {c.kind: c.evidence for c in capabilities(g, reach(g, ["h"]), Budgets(evidence_per_kind=5))}
    assert list(caps) == [Kind.ENV, Kind.NETWORK]  # kinds by name
    net = caps[Kind.NETWORK]
    assert [(e.location.path, e.location.line, e.call_path) for e in net] == [
        ("b.py", 10, ("h", "near")), ("z.py", 30, ("h", "a", "deep", "far"))]
    assert len(caps[Kind.ENV]) == 5 and [e.location.line for e in caps[Kind.ENV]] == [100, 101, 102, 103, 104]


def test_unresolved_sorted_distinct_and_a_cut_is_recorded() -> None:
    g = graph(("h", "a"), ("b", "c"))
    g.add_unresolved("h", ["z()", "y()"])
    g.add_unresolved("a", ["y()", "x()"])
    g.add_unresolved("b", ["never()"])
    cuts = BudgetCuts()
    assert unresolved_calls(g, reach(g, ["h"]), Budgets(), cuts, "t") == ("x()", "y()", "z()")
    assert not cuts
    assert unresolved_calls(g, reach(g, ["h"]), Budgets(unresolved_per_tool=2), cuts, "t") == ("x()", "y()")
    [error] = cuts.errors(Budgets(unresolved_per_tool=2))
    assert "unresolved_per_tool" in error.message and "tool 't'" in error.message


# -- package behaviour ------------------------------------------------------------------------------
def behaviour_graph() -> AnalysisGraph:
    g = graph(("m.<module>", "load"), ("m.<main>", "serve"), ("serve", "shared"), ("tool", "shared"),
              ("tool", "helper[k=1]"), ("helper[k=1]", "x"), variants={"helper[k=1]": "helper"})
    g.add_node(FunctionNode("helper", "helper", "a.py", 1))
    g.add_node(FunctionNode("orphan", "orphan", "a.py", 1))
    sink(g, "m.<module>", Kind.NETWORK, 2, "urlopen")
    sink(g, "load", Kind.ENV, 5, "os.environ")
    sink(g, "serve", Kind.PROCESS, 9, "subprocess.run")
    sink(g, "shared", Kind.FS_READ, 12, "open")
    sink(g, "helper", Kind.FS_WRITE, 20, "open")  # reached through its specialised copy
    sink(g, "orphan", Kind.CODE_EXEC, 30, "eval")
    return g


def test_package_behaviour_contexts() -> None:
    g = behaviour_graph()
    tool = reach(g, ["tool"])
    out = package_behaviour(g, module=reach(g, ["m.<module>"]), startup=reach(g, ["m.<main>"]), tools=tool,
                            budgets=Budgets())
    got = [(b.context, b.kind, b.evidence.call_path) for b in out]
    assert got == [
        ("module", Kind.ENV, ("m.<module>", "load")),
        ("module", Kind.NETWORK, ("m.<module>",)),
        ("startup", Kind.PROCESS, ("m.<main>", "serve")),  # shared is the tool's: not start-up's
        ("unattributed", Kind.CODE_EXEC, ("orphan",)),  # helper is attributed through helper[k=1]
    ]


def test_module_code_reached_by_a_tool_is_still_module_behaviour() -> None:
    g = behaviour_graph()
    out = package_behaviour(g, module=reach(g, ["m.<module>"]), startup=reach(g, []), tools={"load"},
                            budgets=Budgets())
    assert ("module", Kind.ENV) in {(b.context, b.kind) for b in out}


def test_package_behaviour_dedupes_orders_and_caps_per_kind_and_context() -> None:
    g = graph(("m.<module>", "a"), ("a", "b"), ("m.<module>", "b"))
    for i in range(15):
        sink(g, "a", Kind.ENV, 40 - i, "os.getenv")
    g.add_sinks("b", [SinkSite(Kind.ENV, "os.getenv", "a.py", 40)])  # same line, through a: kept once
    sink(g, "c", Kind.ENV, 1, "os.getenv")
    out = package_behaviour(g, module=reach(g, ["m.<module>"]), startup=reach(g, []), tools=(),
                            budgets=Budgets(behaviour_per_kind=10))
    module = [b for b in out if b.context == "module"]
    assert len(module) == 10 and [b.evidence.location.line for b in module] == list(range(26, 36))
    assert [b.context for b in out] == ["module"] * 10 + ["unattributed"]
    assert out == package_behaviour(g, module=reach(g, ["m.<module>"]), startup=reach(g, []), tools=(),
                                    budgets=Budgets(behaviour_per_kind=10))
