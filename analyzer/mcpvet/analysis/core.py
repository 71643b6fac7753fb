"""The walk from a handler to its sinks, written once for every language, with one policy.

- `reach`: breadth-first from the handler(s) over (function, receiver class) states, honouring
  dispatch groups (a tool follows only its own branch) and virtual calls through `this`.
- `witness` / `call_path`: the shortest call chain to a reached function (deterministic: the
  first discovery in breadth-first order over edges in their visiting order).
- `capabilities`: the evidence of one tool, per kind. Policy: one evidence item per sink line
  (kind, path, line), with the shortest call path to it; ordered by (call path length, path, line,
  sink, call path); at most `Budgets.evidence_per_kind` shown per kind. That cap limits what is
  *shown*, never what is analysed: every kind reached is reported, so it is not a budget cut.
- `unresolved_calls`: the calls reachable from the handler that could not be resolved, sorted,
  at most `Budgets.unresolved_per_tool`; a longer list is a recorded budget cut.
- `package_behaviour`: sink use outside the tools, in three contexts (module = import time,
  startup = reached from start-up code, unattributed = reached from nothing known), one item
  per (context, kind, path, line) with its shortest call path, ordered by (context, kind, path,
  line, sink, call path), at most `Budgets.behaviour_per_kind` per (context, kind).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from mcpvet.analysis.budgets import Budgets
from mcpvet.analysis.flow import CONTENTS, DATA, HOST, ROLE_KINDS, Control, Place
from mcpvet.analysis.model import INNER_KINDS, AnalysisGraph, NodeId, SinkSite
from mcpvet.model import Capability, Evidence, Kind, Location, PackageBehaviour

CONTEXTS = ("module", "startup", "unattributed")


class CutRecorder(Protocol):
    """Where budget cuts are recorded (`BudgetCuts`, or a frontend's own record turned into it)."""

    def cut(self, budget: str, what: str, *, tool: str | None = None) -> None: ...


@dataclass(frozen=True)
class Reach:
    """What a walk reached: each function with the function it was first reached from.

    Iteration order is discovery order (breadth-first). A start has predecessor None; a seed has
    the caller it was given (which need not be reached itself)."""

    pred: Mapping[NodeId, NodeId | None]

    def __contains__(self, node: object) -> bool:
        return node in self.pred

    def __iter__(self) -> Iterator[NodeId]:
        return iter(self.pred)

    def __len__(self) -> int:
        return len(self.pred)


EMPTY_REACH = Reach({})


def reach(
    graph: AnalysisGraph,
    starts: Iterable[NodeId],
    *,
    key: str | None = None,
    seeds: Sequence[tuple[NodeId, NodeId]] = (),
    follow: Collection[str] | None = None,
) -> Reach:
    """Breadth-first from `starts` over (function, receiver class) states.

    - a dispatch group that names `key` is followed only along `key`'s edges, and along the edges
      into branches that dispatch on `key` again in the same group (a group that does not name it
      is followed entirely: the tool may be any of them);
    - `seeds` are (function, caller) pairs known to run for this walk only (calls that resolve only
      under one registration's bindings); they start with the caller as predecessor;
    - an edge with `method` (a call through `this`) is followed only when the current receiver
      class is unknown or resolves the method to the edge's target; an edge with `receiver` sets
      the receiver class; `nested`/`branch` edges keep it; every other edge forgets it;
    - `follow`, when given, restricts the walk to edges of these kinds.
    Starts and seeds that are not in the graph are ignored.
    """
    pred: dict[NodeId, NodeId | None] = {}
    seen: set[tuple[NodeId, str | None]] = set()
    queue: deque[tuple[NodeId, str | None]] = deque()
    for s in starts:
        if s in graph and (s, None) not in seen:
            pred.setdefault(s, None)
            seen.add((s, None))
            queue.append((s, None))
    for fid, caller in seeds:
        if fid in graph and (fid, None) not in seen:
            pred.setdefault(fid, caller)
            seen.add((fid, None))
            queue.append((fid, None))
    resolver = graph.resolve_method is not None
    while queue:
        node, receiver = queue.popleft()
        edges = graph.out(node)
        if not edges:
            continue
        groups = graph.groups(node) if key is not None else {}
        for e in edges:
            if follow is not None and e.kind not in follow:
                continue
            if e.dispatch is not None and key is not None and not e.dispatch.names(key) \
                    and key in groups.get(e.dispatch.group, ()) \
                    and key not in graph.groups(e.dst).get(e.dispatch.group, ()):
                continue
            state: tuple[NodeId, str | None]
            if e.method is not None:
                if receiver is not None and resolver and graph.method_of(receiver, e.method) != e.dst:
                    continue
                state = (e.dst, receiver)
            elif e.receiver is not None:
                state = (e.dst, e.receiver)
            elif e.kind in INNER_KINDS:
                state = (e.dst, receiver)
            else:
                state = (e.dst, None)
            if state in seen:
                continue
            seen.add(state)
            pred.setdefault(e.dst, node)
            queue.append(state)
    return Reach(pred)


def witness(found: Reach, node: NodeId) -> tuple[NodeId, ...]:
    """The call chain from a start (or a seed's caller) to `node`, first element the start."""
    out = [node]
    seen = {node}
    cur = found.pred.get(node)
    while cur is not None and cur not in seen:
        out.append(cur)
        seen.add(cur)
        cur = found.pred.get(cur)
    return tuple(reversed(out))


def call_path(graph: AnalysisGraph, found: Reach, node: NodeId) -> tuple[str, ...]:
    """The witness chain as display names, consecutive repeats collapsed (specialised copies)."""
    names: list[str] = []
    for n in witness(found, node):
        name = graph.name(n)
        if not names or names[-1] != name:
            names.append(name)
    return tuple(names)


def _evidence_key(e: Evidence) -> tuple[int, str, int, str, tuple[str, ...], int]:
    return (len(e.call_path), e.location.path, e.location.line, e.sink, e.call_path, e.location.column)


def _shorter(new: Evidence, old: Evidence | None) -> bool:
    return old is None or (len(new.call_path), new.call_path, new.sink) < (len(old.call_path), old.call_path, old.sink)


def _with_flow(ev: Evidence, kind: Kind, site: SinkSite, control: Mapping[Place, Sequence[Control]]) -> Evidence:
    """The evidence with the tool parameters that reach the site's slot and its destination."""
    params: set[str] = set()
    lead: set[str] = set()
    slot_sources: set[str] = set()
    role = site.role
    data: set[str] | None = None
    opaque = False
    host_given = False  # a value flows into the host of a connection that is this machine without one
    contents: str | None = None
    for c in control.get((site.path, site.line, site.column), ()):
        if c.role == CONTENTS:  # what of the path no media check covers
            contents = "any" if contents == "any" or c.params or c.sources or c.opaque else "media"
        elif c.role == HOST:
            host_given = host_given or bool(c.params or c.sources or c.opaque)
        elif c.role == DATA:
            data = (data or set()) | set(c.params) | set(c.sources)
            opaque = opaque or c.opaque
        elif kind in ROLE_KINDS.get(c.role, ()):
            params.update(c.params)
            lead.update(c.lead)
            slot_sources.update(c.sources)
            role = c.role
    if not params and site.destination is None and role is None and data is None and not site.places \
            and not site.grant and not site.commands and not site.loopback and contents is None:
        return ev
    if contents == "media" and not params:
        contents = "any"  # no argument chooses the path: nothing was checked away, the path is just not known
    data_from = None
    if data is not None:  # the slot's parameters are arguments too
        data_from = tuple(sorted(data | params, key=lambda x: (":" in x, x)))
    return replace(ev, controlled_by=tuple(sorted(params)), destination=site.destination, places=site.places,
                   grant=site.grant, role=role, commands=site.commands,
                   loopback=site.loopback and data is not None and not host_given,
                   lead=tuple(sorted(lead)), data_from=data_from, data_opaque=opaque,
                   slot_sources=tuple(sorted(slot_sources)), contents=contents)


def capabilities(
    graph: AnalysisGraph,
    found: Reach,
    budgets: Budgets,
    control: Mapping[Place, Sequence[Control]] | None = None,
) -> tuple[Capability, ...]:
    """The capabilities of a tool from what its handler reaches (policy in the module docstring).

    With `control` (from `flow.tool_control`), each evidence item says which tool parameters reach
    its sink's slot; sinks an argument controls are shown beyond the per-kind cap (up to the cap
    again), and so are sinks that arguments, secrets or file contents reach (`data_from`), so that no
    finding about them loses its evidence."""
    best: dict[tuple[Kind, str, int, int], Evidence] = {}  # one per sink call (kind, path, line, column)
    paths: dict[NodeId, tuple[str, ...]] = {}
    control = control or {}
    for node in found:
        sites = graph.sinks.get(node)
        if not sites:
            continue
        path = paths.get(node)
        if path is None:
            path = paths[node] = call_path(graph, found, node)
        for site in sites:
            ev = _with_flow(Evidence(Location(site.path, site.line, site.column), site.sink, path), site.kind, site,
                            control)
            k = (site.kind, site.path, site.line, site.column)
            old = best.get(k)
            if _shorter(ev, old):
                if old is not None and old.controlled_by and not ev.controlled_by:
                    ev = replace(ev, controlled_by=old.controlled_by, role=old.role, lead=old.lead)
                if old is not None and old.data_from is not None and ev.data_from is None:
                    ev = replace(ev, data_from=old.data_from, data_opaque=old.data_opaque)
                best[k] = ev
    by_kind: dict[Kind, list[Evidence]] = {}
    for (kind, _p, _l, _c), ev in best.items():
        by_kind.setdefault(kind, []).append(ev)
    out: list[Capability] = []
    cap = budgets.evidence_per_kind
    for kind in sorted(by_kind, key=lambda k: k.value):
        ordered = sorted(by_kind[kind], key=_evidence_key)
        shown = ordered[:cap] + [e for e in ordered[cap:] if e.controlled_by or e.data_from or e.data_opaque][:cap]
        kept = {id(e) for e in shown}
        more = tuple(e for e in ordered if id(e) not in kept)
        out.append(Capability(kind, tuple(shown), len(more), more))
    return tuple(out)


def unresolved_calls(
    graph: AnalysisGraph,
    found: Reach,
    budgets: Budgets,
    cuts: CutRecorder | None = None,
    tool: str | None = None,
) -> tuple[str, ...]:
    """The distinct unresolved calls reachable in `found`, sorted; a cut list is recorded in `cuts`."""
    calls = sorted({c for n in found for c in graph.unresolved.get(n, ())})
    cap = budgets.unresolved_per_tool
    if len(calls) > cap:
        if cuts is not None:
            cuts.cut("unresolved_per_tool", f"{len(calls)} unresolved calls, only the first {cap} listed", tool=tool)
        calls = calls[:cap]
    return tuple(calls)


def package_behaviour(
    graph: AnalysisGraph,
    *,
    module: Reach,
    startup: Reach,
    tools: Iterable[NodeId],
    budgets: Budgets,
) -> tuple[PackageBehaviour, ...]:
    """Sink use outside the tools, by context.

    - module: every function reached by `module` (code that runs on import, and what it calls),
      even when a tool reaches it too: it runs at import regardless;
    - startup: functions reached by `startup` that are neither module code nor reached by a tool;
    - unattributed: functions reached by none of the three (a specialised copy never counts on its
      own: its general function stands for it, and is attributed when any copy is reached).
    Policy (dedupe, order, cap) in the module docstring.
    """
    tool_nodes = set(tools)
    items: dict[tuple[str, Kind, str, int], Evidence] = {}

    def emit(context: str, found: Reach | None, node: NodeId) -> None:
        sites = graph.sinks.get(node)
        if not sites:
            return
        path = call_path(graph, found, node) if found is not None else (graph.name(node),)
        for site in sites:
            ev = Evidence(Location(site.path, site.line), site.sink, path)
            k = (context, site.kind, site.path, site.line)
            if _shorter(ev, items.get(k)):
                items[k] = ev

    for node in module:
        emit("module", module, node)
    for node in startup:
        if node not in module and node not in tool_nodes:
            emit("startup", startup, node)
    attributed = {_general(graph, n) for n in (*module, *startup, *tool_nodes)}
    for node in graph.sinks:
        fn = graph.nodes.get(node)
        if fn is not None and fn.variant_of is None and node not in attributed:
            emit("unattributed", None, node)
    ordered = sorted(items.items(), key=lambda kv: (
        CONTEXTS.index(kv[0][0]), kv[0][1].value, kv[0][2], kv[0][3], kv[1].sink, kv[1].call_path))
    out: list[PackageBehaviour] = []
    counts: dict[tuple[str, Kind], int] = {}
    for (context, kind, _p, _l), ev in ordered:
        n = counts.get((context, kind), 0)
        if n >= budgets.behaviour_per_kind:
            continue
        counts[(context, kind)] = n + 1
        out.append(PackageBehaviour(kind, ev, context))
    return tuple(out)


def _general(graph: AnalysisGraph, node: NodeId) -> NodeId:
    fn = graph.nodes.get(node)
    return fn.variant_of if fn is not None and fn.variant_of is not None else node


def reached_files(graph: AnalysisGraph, found: Reach) -> tuple[str, ...]:
    """The files whose code the reach runs (the file of every function reached), sorted."""
    return tuple(sorted({graph.nodes[n].path for n in found if n in graph.nodes}))
