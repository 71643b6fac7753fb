"""Lower the JavaScript call graph (`graph.CallGraph`) into the shared `AnalysisGraph`.

- one `FunctionNode` per function id (`<path>:<name in file>`), shown as itself in call paths;
- every edge with its kind and line, the dispatch key and group of switch/if branches and
  `obj[key]` tables, the method name of calls through `this` and the receiver class of calls on a
  known instance; edges of one function in callee order (the visiting order of the walks);
- method resolution for receivers: `Program.method_of` (the class's own method, else inherited);
- the sink hits attached to each function and its unresolved calls.
"""

from __future__ import annotations

from mcpvet.analysis.model import AnalysisGraph, CallEdge, Dispatch, FunctionNode, SinkSite
from mcpvet.frontends.javascript.graph import TABLE_RULE, CallGraph
from mcpvet.frontends.javascript.program import Program


def lower(program: Program, graph: CallGraph) -> AnalysisGraph:
    out = AnalysisGraph(resolve_method=program.method_of)
    g = graph.graph
    nodes = sorted(str(n) for n in g.nodes)
    for fid in nodes:
        f = program.functions.get(fid)
        out.add_node(FunctionNode(fid, fid, f.path if f is not None else "", f.line if f is not None else 1))
    adjacency = g.succ
    for fid in nodes:
        callees = adjacency[fid]
        if not callees:
            continue
        for dst in sorted(callees):
            d = callees[dst]
            dispatch = Dispatch(str(d["key"]), str(d["group"]), frozenset(map(str, d.get("also", ())))) \
                if "group" in d else None
            method = d.get("method")
            receiver = d.get("receiver")
            out.add_edge(CallEdge(
                fid, str(dst), str(d.get("kind", "call")), int(d.get("line", 0)), dispatch,
                str(method) if method is not None else None, str(receiver) if receiver is not None else None))
    for fid, hits in graph.hits.items():
        # the column of a call the frontend found itself (that of its data flow: `taint.FlowBuilder`); a
        # semgrep hit is not told apart from the other calls of its line (0)
        out.add_sinks(fid, (SinkSite(h.kind, h.sink, h.path, h.line, column=h.column if h.rule == TABLE_RULE else 0)
                            for h in hits))
    for fid, calls in graph.unresolved.items():
        out.add_unresolved(fid, calls)
    return out
