"""A directed graph with attributes on its edges: the part of `networkx.DiGraph` the frontends'
call-graph builders use, without importing networkx (about a seventh of a second of start-up
for every run that reads code, more than parsing a small package).

Same behaviour for what it offers: nodes and each node's successors in insertion order, an
edge's attributes updated when it is added again, an edge's endpoints added as nodes.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, KeysView
from typing import Any, Generic, TypeVar

N = TypeVar("N", bound=Hashable)


class DiGraph(Generic[N]):
    __slots__ = ("succ",)

    def __init__(self) -> None:
        self.succ: dict[N, dict[N, dict[str, Any]]] = {}
        """node -> successor -> the edge's attributes (networkx's `succ` / `adj`)."""

    @property
    def nodes(self) -> KeysView[N]:
        return self.succ.keys()

    def add_node(self, node: N) -> None:
        self.succ.setdefault(node, {})

    def add_edge(self, src: N, dst: N, **attrs: Any) -> None:
        out = self.succ.setdefault(src, {})
        self.succ.setdefault(dst, {})
        out.setdefault(dst, {}).update(attrs)

    def remove_edge(self, src: N, dst: N) -> None:
        """Remove the edge if there is one (its endpoints stay)."""
        self.succ.get(src, {}).pop(dst, None)

    def has_edge(self, src: N, dst: N) -> bool:
        return dst in self.succ.get(src, {})

    def out_edges(self, node: N) -> Iterator[tuple[N, N, dict[str, Any]]]:
        """(node, successor, attributes) for each edge leaving `node`."""
        for dst, attrs in self.succ.get(node, {}).items():
            yield node, dst, attrs

    def number_of_nodes(self) -> int:
        return len(self.succ)

    def number_of_edges(self) -> int:
        return sum(len(out) for out in self.succ.values())
