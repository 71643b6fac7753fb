"""The frontends' call-graph container behaves as the networkx.DiGraph it replaces, for what they use."""

from __future__ import annotations

import random

import networkx as nx

from mcpvet.analysis.digraph import DiGraph


def test_same_nodes_successors_attributes_and_counts_as_networkx() -> None:
    rng = random.Random(7)
    ours: DiGraph[str] = DiGraph()
    theirs = nx.DiGraph()
    names = [f"f{i}" for i in range(30)]
    for step in range(400):
        a, b = rng.choice(names), rng.choice(names)
        if rng.random() < 0.2:
            ours.add_node(a)
            theirs.add_node(a)
        else:
            attrs = {"line": step, **({"key": f"k{step}"} if rng.random() < 0.3 else {})}
            ours.add_edge(a, b, **attrs)
            theirs.add_edge(a, b, **attrs)
    assert list(ours.nodes) == list(theirs.nodes)
    assert ours.number_of_nodes() == theirs.number_of_nodes()
    assert ours.number_of_edges() == theirs.number_of_edges()
    for n in names:
        assert (n in ours.succ) == (n in theirs)
        if n in theirs:
            assert ours.succ[n] == {k: dict(v) for k, v in theirs.succ[n].items()}
            assert list(ours.succ[n]) == list(theirs.succ[n])
            assert list(ours.out_edges(n)) == list(theirs.out_edges(n, data=True))
        for m in names:
            assert ours.has_edge(n, m) == theirs.has_edge(n, m)


def test_an_edge_added_again_keeps_its_place_and_updates_its_attributes() -> None:
    g: DiGraph[str] = DiGraph()
    g.add_edge("a", "b", line=1, kind="call")
    g.add_edge("a", "c", line=2)
    g.add_edge("a", "b", line=3)
    assert list(g.out_edges("a")) == [("a", "b", {"line": 3, "kind": "call"}), ("a", "c", {"line": 2})]
    assert list(g.nodes) == ["a", "b", "c"]
    assert list(g.out_edges("zzz")) == []
