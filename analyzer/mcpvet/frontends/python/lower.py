"""Lower the Python call graph (`graph.GraphBuilder`) into the shared `AnalysisGraph`.

- one `FunctionNode` per `NodeKey`: id = the key's label (`pkg.mod.f`, or `pkg.mod.f[name='x']`
  for a node specialised for constant arguments, whose `variant_of` is then `pkg.mod.f`); the
  display name in call paths is the qualified name (a specialised copy shows as its function);
- one `call` edge per distinct callee, in the builder's order (sorted keys): Python graphs have no
  dispatch groups nor receiver-resolved methods, the evaluator already chose the callee;
- sink sites: the frontend's own sink calls plus the semgrep hits of the innermost function that
  contains them (hits in a `match`/`if` arm pruned away in a specialised node are left out there),
  one per (kind, path, line), the shortest sink name;
- unresolved calls as recorded by the builder.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from mcpvet.analysis.model import AnalysisGraph, CallEdge, FunctionNode, NodeId, SinkSite
from mcpvet.frontends.python.graph import GraphBuilder, NodeFacts, NodeKey, SinkUse, is_main_guard
from mcpvet.frontends.python.index import Program
from mcpvet.model import Kind, SinkHit


class HitAttacher:
    """Semgrep hits attached to the innermost function that contains them (module code otherwise)."""

    def __init__(self, program: Program, hits: list[SinkHit]) -> None:
        self.by_node: dict[str, list[SinkUse]] = {}
        spans: dict[str, list[tuple[int, int, str]]] = {}
        for q, f in program.funcs.items():
            spans.setdefault(f.path, []).append((f.line, f.end_line, q))
        main_spans: dict[str, list[tuple[int, int]]] = {}
        for m in program.modules.values():
            for stmt in m.tree.body:
                if is_main_guard(stmt):
                    main_spans.setdefault(m.path, []).append((stmt.lineno, stmt.end_lineno or stmt.lineno))
        for hit in hits:
            module = program.by_path[hit.path]
            best: tuple[int, int, str] | None = None
            for start, end, q in spans.get(hit.path, []):
                if start <= hit.line <= end and (best is None or end - start < best[1] - best[0]):
                    best = (start, end, q)
            if best is not None:
                owner = best[2]
            elif any(s <= hit.line <= e for s, e in main_spans.get(hit.path, [])):
                owner = f"{module.name}.<main>"
            else:
                owner = f"{module.name}.<module>"
            self.by_node.setdefault(owner, []).append(SinkUse(hit.kind, hit.sink, hit.path, hit.line))

    def uses(self, node: NodeKey, facts: NodeFacts) -> list[SinkUse]:
        found = self.by_node.get(node.qualname, [])
        if node.ctx and facts.skipped:
            found = [u for u in found if not any(s <= u.line <= e for s, e in facts.skipped)]
        if facts.not_paths:  # `client.touch(key)` on a memcached client is no pathlib.Path.touch
            found = [u for u in found if not facts.not_paths.get((u.line, u.sink.removeprefix("pathlib.Path.")))
                     or not u.sink.startswith("pathlib.Path.")]
        if facts.path_receivers:  # `old.unlink()` where the evaluator does not know `old`: its receiver's path
            found = [self._receiver(u, facts) for u in found]
        return found

    @staticmethod
    def _receiver(use: SinkUse, facts: NodeFacts) -> SinkUse:
        known = facts.path_receivers.get((use.line, use.sink.removeprefix("pathlib.Path."))) \
            if use.sink.startswith("pathlib.Path.") and use.role is None else None
        if known is None:
            return use
        destination, places = known
        return replace(use, slot="receiver", role="path", destination=destination, places=places)


def node_id(key: NodeKey) -> NodeId:
    return key.label


def _sites(key: NodeKey, facts: NodeFacts, attach: HitAttacher) -> list[SinkSite]:
    uses: dict[tuple[Kind, str, int], SinkUse] = {}
    for u in [*facts.sinks, *attach.uses(key, facts)]:
        k = (u.kind, u.path, u.line)
        old = uses.get(k)
        if old is None:
            uses[k] = u
            continue
        short, other = (u, old) if len(u.sink) < len(old.sink) else (old, u)
        if short.role is None and other.role is not None:  # the shortest name, the slot of whichever knows it
            short = replace(short, slot=other.slot, role=other.role, destination=other.destination,
                            places=other.places, commands=other.commands)
        uses[k] = replace(short, grant=short.grant or other.grant)
    return [SinkSite(u.kind, u.sink, u.path, u.line, u.slot, u.role, u.destination, u.places, u.grant, u.commands)
            for u in sorted(uses.values(), key=lambda u: (u.kind.value, u.path, u.line, u.sink))]


def lower(program: Program, builder: GraphBuilder, attach: HitAttacher, roots: Iterable[NodeKey] = ()) -> AnalysisGraph:
    """The analysis graph of every node built so far and of every node reachable from `roots`
    (specialised dispatcher nodes are built on first use)."""
    for r in roots:
        builder.node(r)  # builds r and, transitively, every callee
    graph = AnalysisGraph()
    keys = sorted(builder.facts)
    for key in keys:
        facts = builder.facts[key]
        f = program.funcs.get(key.qualname)
        graph.add_node(FunctionNode(
            id=node_id(key), name=key.qualname, path=f.path if f is not None else facts.path,
            line=f.line if f is not None else 1, variant_of=key.qualname if key.ctx else None))
    for key in keys:
        facts = builder.facts[key]
        src = node_id(key)
        lines: dict[NodeKey, int] = {}
        for callee, line in facts.edges:
            lines.setdefault(callee, line)
        for callee in builder.successors(key):
            graph.add_edge(CallEdge(src, node_id(callee), "call", lines.get(callee, 0)))
        graph.add_sinks(src, _sites(key, facts, attach))
        graph.add_unresolved(src, facts.unresolved)
    return graph
