"""The language-independent analysis model every frontend lowers its call graph into.

A frontend keeps its own rich graph (Python: `NodeKey`s specialised by constant arguments;
JavaScript: function ids with dispatch groups and receiver classes) and *lowers* it into an
`AnalysisGraph`: functions, typed call edges, the sink sites in each function and the calls that
could not be resolved. The algorithms in `mcpvet.analysis.core` (reach, witness call paths,
evidence, unresolved-call accounting, package behaviour) run on this model only, once for every
language and with one policy.

Node ids are strings chosen by the frontend and unique in one graph. Successors are visited in
the order their edges were added: a lowering adds them in a deterministic order (sorted by
callee), which makes every reach, and so every witness call path, deterministic.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Final

from mcpvet.model import Command, Kind

NodeId = str
"""A function's id in one `AnalysisGraph` (frontend-chosen, e.g. `dist/index.js:main`)."""

MethodResolver = Callable[[str, str], "NodeId | None"]
"""(receiver class, method name) -> the function that class resolves the method to, or None."""

EDGE_KINDS: Final = frozenset({"call", "arg", "nested", "branch", "dispatch"})
"""call: a resolved call; arg: a function passed as an argument (may be called by the callee);
nested: a function expression nested in the source (may be called from there); branch: one branch
of a dispatch on a constant (`switch (name)`); dispatch: a call through a table (`handlers[name]()`)."""

INNER_KINDS: Final = frozenset({"nested", "branch"})
"""Edges into code that runs with the caller's `this`: the receiver class is kept across them."""


@dataclass(frozen=True, slots=True)
class FunctionNode:
    """A function (or a piece of code run as one: module body, main block, dispatch branch)."""

    id: NodeId
    name: str  # shown in call paths; consecutive repeats are collapsed (specialised copies)
    path: str  # file relative to the package root (POSIX)
    line: int
    variant_of: NodeId | None = None  # a copy of another node specialised for a context (constant arguments)


@dataclass(frozen=True, slots=True)
class SinkSite:
    """A call of a sink API inside a function."""

    kind: Kind
    sink: str  # the API reached, e.g. "subprocess.run"
    path: str
    line: int
    # the argument that matters for this sink (position, keyword name, or "receiver" for a method
    # of the value itself): the path of `open`, the URL of `fetch`, the command of `exec`; None
    # when the sink table does not say
    slot: int | str | None = None
    role: str | None = None  # what that argument is (`mcpvet.analysis.flow.ROLES`)
    destination: str | None = None  # its constant value (or known prefix) where the frontend knows it
    # a path that is one of a few places, every one known (`~/.app`, `/tmp/app`, `$APP_DIR` for a setting)
    places: tuple[str, ...] = ()
    # a request that exchanges a credential at an identity provider's token endpoint (an OAuth grant:
    # `grant_type` in its function, an OAuth client's `fetch_token`/`refresh_token`)
    grant: bool = False
    # the programs a process start runs and their words (`model.Command`, one per way the line is written)
    commands: tuple[Command, ...] = ()
    # a connection whose host is this machine (`localhost`, 127.0.0.1, ::1) unless a value flows into
    # it: a literal, or a parameter defaulting to one that the calls leave out (the `host` pseudo-role
    # of the data flow says, per tool, whether one does)
    loopback: bool = False
    # where on the line the call is (1-based; 0 when the frontend does not say): the sinks of one line
    # (a minified bundle) are told apart by it, each with its own data flow and destination
    column: int = 0


@dataclass(frozen=True, slots=True)
class Dispatch:
    """A dispatch on a constant: the edge is taken for `key` among the keys of `group`.

    A reach for tool T that meets a group naming T follows only T's edges of that group. `also`: the
    other keys of the same branch (`case "a": case "b": …` falls through to one body)."""

    key: str
    group: str
    also: frozenset[str] = frozenset()

    def names(self, key: str) -> bool:
        return key == self.key or key in self.also


@dataclass(frozen=True, slots=True)
class CallEdge:
    src: NodeId
    dst: NodeId
    kind: str  # one of EDGE_KINDS
    line: int
    dispatch: Dispatch | None = None
    method: str | None = None  # a virtual call through `this`: follow what the receiver's class resolves to
    receiver: str | None = None  # a method call on an instance of this (known) class


@dataclass
class AnalysisGraph:
    """Functions, call edges, sinks and unresolved calls of one package (one language).

    Built once by a frontend's lowering, then only read. Plain dicts: cheaper than a networkx
    graph for the breadth-first walks the core does, and the edge order is the visiting order."""

    nodes: dict[NodeId, FunctionNode] = field(default_factory=dict)
    edges: dict[NodeId, list[CallEdge]] = field(default_factory=dict)  # by src, in visiting order
    sinks: dict[NodeId, tuple[SinkSite, ...]] = field(default_factory=dict)
    unresolved: dict[NodeId, tuple[str, ...]] = field(default_factory=dict)  # callee texts
    resolve_method: MethodResolver | None = None
    _pairs: set[tuple[NodeId, NodeId]] = field(default_factory=set, repr=False)
    _groups: dict[NodeId, dict[str, frozenset[str]]] = field(default_factory=dict, repr=False)
    _methods: dict[tuple[str, str], NodeId | None] = field(default_factory=dict, repr=False)

    # -- building
    def add_node(self, node: FunctionNode) -> None:
        self.nodes.setdefault(node.id, node)

    def add_edge(self, edge: CallEdge) -> None:
        """Add a call edge; a second edge between the same two functions is ignored (first wins)."""
        if edge.kind not in EDGE_KINDS:
            raise ValueError(f"unknown edge kind {edge.kind!r}")
        pair = (edge.src, edge.dst)
        if pair in self._pairs or edge.src == edge.dst:
            return
        self._pairs.add(pair)
        out = self.edges.get(edge.src)
        if out is None:
            self.edges[edge.src] = [edge]
        else:
            out.append(edge)
        if edge.dispatch is not None:
            self._groups.clear()  # a group also names the keys its branches dispatch on (`groups`)

    def add_sinks(self, node: NodeId, sites: Iterable[SinkSite]) -> None:
        sites = tuple(sites)
        if sites:
            self.sinks[node] = self.sinks.get(node, ()) + sites

    def add_unresolved(self, node: NodeId, calls: Iterable[str]) -> None:
        calls = tuple(calls)
        if calls:
            self.unresolved[node] = self.unresolved.get(node, ()) + calls

    # -- reading
    def __contains__(self, node: object) -> bool:
        return node in self.nodes

    def __iter__(self) -> Iterator[NodeId]:
        return iter(self.nodes)

    def __len__(self) -> int:
        return len(self.nodes)

    def out(self, node: NodeId) -> Sequence[CallEdge]:
        return self.edges.get(node, ())

    def edge_count(self) -> int:
        return len(self._pairs)

    def name(self, node: NodeId) -> str:
        """The display name of a node (its id when the node is unknown)."""
        found = self.nodes.get(node)
        return found.name if found is not None else node

    def groups(self, node: NodeId) -> dict[str, frozenset[str]]:
        """The dispatch groups leaving `node`, each with the keys it names: the keys of its own
        edges and those its branches name in the same group (a dispatch continued in a branch, as
        the statements after a `switch` whose cases return dispatch again on the same name)."""
        cached = self._groups.get(node)
        if cached is None:
            self._groups[node] = {}  # re-entry through a cycle sees no keys
            keys: dict[str, set[str]] = {}
            for e in self.out(node):
                if e.dispatch is not None:
                    keys.setdefault(e.dispatch.group, set()).update({e.dispatch.key, *e.dispatch.also})
            for e in self.out(node):
                if e.dispatch is not None:
                    keys[e.dispatch.group] |= self.groups(e.dst).get(e.dispatch.group, frozenset())
            cached = {g: frozenset(k) for g, k in keys.items()}
            self._groups[node] = cached
        return cached

    def method_of(self, receiver: str, method: str) -> NodeId | None:
        """What `receiver.method` resolves to (memoised); None when unknown or no resolver."""
        if self.resolve_method is None:
            return None
        k = (receiver, method)
        if k not in self._methods:
            self._methods[k] = self.resolve_method(receiver, method)
        return self._methods[k]
