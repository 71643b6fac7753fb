"""PythonFrontend: tools, call graph and capabilities of a Python MCP server package.

Pipeline: every source .py file is vetted in an isolated worker (`ast.parse` plus a depth gate)
and parsed again here; `index` records every name binding per scope; `evaluate` is a small
flow-insensitive abstract interpreter (imports, classes and inheritance, instance attributes,
closures, decorators, containers, constant strings, getattr with computable names, optional
constant bindings); `tools` finds the tools each SDK would list and derives their descriptions
with the SDK's own rule; `graph` builds the call graph (one node per function, plus nodes
specialised for one tool name in low-level dispatchers) with the sink calls of `sinks/python.py`
and the semgrep hits attached to the functions that contain them.

We read trees with the standard library's `ast` rather than libcst: we need line numbers and
evaluated constants, not round-tripping, and `ast` is several times faster and cannot abort the
process the way libcst 1.9 does on deep nesting (it raises SyntaxError/RecursionError instead,
and that still happens inside the killable worker).
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterable, Sequence
from typing import Any

from mcpvet.analysis.budgets import BudgetCuts
from mcpvet.frontends.python.evaluator import Evaluator
from mcpvet.frontends.python.graph import GraphBuilder, NodeFacts, NodeKey, SinkUse, is_main_guard
from mcpvet.frontends.python.index import Program
from mcpvet.frontends.python.parse import ParsedFile, ParseJob, module_name, parse_job, reparse
from mcpvet.frontends.python.pkgfiles import PackageFiles
from mcpvet.frontends.python.tools import ToolDecl, ToolExtractor
from mcpvet.frontends.python.versions import fastmcp_major
from mcpvet.isolate import WorkerFailure, map_isolated
from mcpvet.model import (
    AnalysisError,
    Capability,
    Evidence,
    FrontendResult,
    HandlerRef,
    Kind,
    Language,
    Location,
    PackageBehaviour,
    SinkHit,
    SourceTree,
    Tool,
)
from mcpvet.options import InspectOptions

STAGE = "python"
MAX_EVIDENCE_PER_KIND = 5
MAX_UNRESOLVED_PER_TOOL = 100
MAX_BEHAVIOUR_PER_KIND = 10


class PythonFrontend:
    """Reads .py files with the standard `ast` parser in an isolated worker; never imports them."""

    languages: tuple[Language, ...] = (Language.PYTHON,)

    def analyze(self, tree: SourceTree, hits: Sequence[SinkHit], options: InspectOptions) -> FrontendResult:
        started = time.perf_counter()
        errors: list[AnalysisError] = []
        program, lines, parse_seconds = self._parse(tree, options, errors)
        if not program.modules:
            return FrontendResult(
                language=Language.PYTHON,
                errors=tuple(errors),
                stats={"nodes": 0, "edges": 0, "unresolved": 0, "seconds": round(time.perf_counter() - started, 3)},
            )
        budgets = options.limits.budgets
        cuts = BudgetCuts()  # what the Python budgets cut (evaluator, tool extraction, graph, reach)
        evaluator = Evaluator(program, PackageFiles(tree).read_text, budgets, cuts)
        builder = GraphBuilder(program, evaluator)
        try:
            extraction = ToolExtractor(program, evaluator, fastmcp_major(tree.manifest)).extract()
        except RecursionError:
            errors.append(AnalysisError(STAGE, "tool extraction gave up: expressions nested too deeply"))
            extraction = None
        decls = extraction.tools if extraction else []
        if extraction:
            errors.extend(extraction.errors)
        for d in decls:
            if d.handler is not None and d.wrappers:
                known = builder.wrapper_edges.setdefault(d.handler.qualname, [])
                known.extend(w for w in d.wrappers if w not in known)
        try:
            builder.build_all()
        except RecursionError:
            errors.append(AnalysisError(STAGE, "call graph incomplete: expressions nested too deeply"))
        errors.extend(builder.errors)
        attach = _HitAttacher(program, [h for h in hits if h.path in program.by_path])
        tools, tool_nodes = self._tools(decls, builder, attach, errors)
        behaviour = self._behaviour(tree, program, builder, attach, tool_nodes)
        errors.extend(cuts.errors(budgets))
        unresolved_total = sum(len(f.unresolved) for f in builder.facts.values())
        stats: dict[str, Any] = {
            "nodes": builder.graph.number_of_nodes(),
            "edges": builder.graph.number_of_edges(),
            "unresolved": unresolved_total,
            "functions": len(program.funcs),
            "modules": len(program.modules),
            "parse_seconds": round(parse_seconds, 3),
            "seconds": round(time.perf_counter() - started, 3),
        }
        return FrontendResult(
            language=Language.PYTHON,
            tools=tuple(tools),
            package_behaviour=tuple(behaviour),
            errors=tuple(sorted(set(errors), key=lambda e: (e.path or "", e.message))),
            files_analysed=len(program.modules),
            lines_analysed=lines,
            stats=stats,
        )

    # ------------------------------------------------------------------ parsing
    def _parse(self, tree: SourceTree, options: InspectOptions, errors: list[AnalysisError]) -> tuple[Program, int, float]:
        t0 = time.perf_counter()
        files = sorted(tree.files_of(Language.PYTHON), key=lambda f: f.path)
        all_paths = frozenset(f.path for f in files)
        limits = options.limits
        jobs = [ParseJob(f.path, str(f.abspath), limits.max_source_file_bytes) for f in files]
        program = Program()
        lines = 0
        results: Iterable[tuple[ParseJob, ParsedFile | WorkerFailure]] = map_isolated(
            parse_job, jobs, timeout_s=limits.parse_timeout_s, memory_bytes=limits.parse_memory_bytes
        )
        for job, result in results:
            if isinstance(result, WorkerFailure):
                errors.append(AnalysisError(STAGE, f"not parsed: parser worker failed ({result.reason})", job.path))
                continue
            if result.error:
                errors.append(AnalysisError(STAGE, f"not parsed: {result.error}", job.path))
                continue
            try:
                tree_ = result.tree if result.tree is not None else reparse(job)
                program.add_module(module_name(job.path, all_paths), job.path, tree_, result.lines)
            except (RecursionError, SyntaxError, ValueError, OSError) as exc:
                errors.append(AnalysisError(STAGE, f"not analysed: {type(exc).__name__}: {exc}", job.path))
                continue
            lines += result.lines
        return program, lines, time.perf_counter() - t0

    # ------------------------------------------------------------------ tools
    def _tools(
        self, decls: list[ToolDecl], builder: GraphBuilder, attach: _HitAttacher, errors: list[AnalysisError]
    ) -> tuple[list[Tool], set[NodeKey]]:
        tools: list[Tool] = []
        seen: set[str] = set()
        all_nodes: set[NodeKey] = set()
        for d in sorted(decls, key=lambda d: (d.declared_at.path, d.declared_at.line, d.name)):
            if d.name in seen:
                continue
            seen.add(d.name)
            try:
                parents = _reach(builder, d.roots)
            except RecursionError:
                errors.append(AnalysisError(STAGE, f"tool {d.name!r}: call graph gave up (nesting too deep)", d.declared_at.path))
                parents = {}
            all_nodes |= set(parents)
            caps = _capabilities(parents, builder, attach)
            unresolved = sorted({u for n in parents for u in builder.facts[n].unresolved})[:MAX_UNRESOLVED_PER_TOOL]
            handler = None
            if d.handler is not None:
                handler = HandlerRef(Location(d.handler.path, d.handler.line), d.handler.qualname)
            tools.append(
                Tool(
                    name=d.name,
                    description=d.description,
                    input_schema=d.input_schema,
                    declared_at=d.declared_at,
                    handler=handler,
                    language=Language.PYTHON,
                    title=d.title,
                    annotations=d.annotations,
                    capabilities=caps,
                    description_source=d.description_source,
                    description_note=d.description_note,
                    unresolved_calls=tuple(unresolved),
                )
            )
        tools.sort(key=lambda t: t.name)
        return tools, all_nodes

    # ------------------------------------------------------------------ package behaviour
    def _behaviour(
        self,
        tree: SourceTree,
        program: Program,
        builder: GraphBuilder,
        attach: _HitAttacher,
        tool_nodes: set[NodeKey],
    ) -> list[PackageBehaviour]:
        module_roots = [NodeKey(f"{m}.<module>") for m in sorted(program.modules) if not m.endswith("__main__")]
        startup_roots = [NodeKey(f"{m}.<main>") for m in sorted(program.modules)]
        startup_roots += [NodeKey(f"{m}.<module>") for m in sorted(program.modules) if m.endswith("__main__")]
        for ep in tree.entry_points:
            if ":" in ep.target:
                mod, _, fn = ep.target.partition(":")
                q = f"{mod.strip()}.{fn.strip()}"
                if q in program.funcs:
                    startup_roots.append(NodeKey(q))
        module_reach = _reach(builder, module_roots)
        startup_reach = _reach(builder, startup_roots)
        out: list[PackageBehaviour] = []
        counts: dict[tuple[str, Kind], int] = {}
        seen: set[tuple[str, Kind, str, int]] = set()

        def emit(context: str, parents: dict[NodeKey, NodeKey | None], node: NodeKey) -> None:
            for use in _node_sinks(node, builder, attach):
                k = (context, use.kind, use.path, use.line)
                if k in seen or counts.get((context, use.kind), 0) >= MAX_BEHAVIOUR_PER_KIND:
                    continue
                seen.add(k)
                counts[(context, use.kind)] = counts.get((context, use.kind), 0) + 1
                ev = Evidence(Location(use.path, use.line), use.sink, _path_names(parents, node))
                out.append(PackageBehaviour(use.kind, ev, context))

        for node in sorted(module_reach):
            emit("module", module_reach, node)
        for node in sorted(startup_reach):
            if node not in module_reach and node not in tool_nodes:
                emit("startup", startup_reach, node)
        reached = {n.qualname for n in (*module_reach, *startup_reach, *tool_nodes)}
        for node in sorted(builder.facts):
            if node.qualname not in reached and not node.ctx:
                emit("unattributed", {node: None}, node)
        out.sort(key=lambda b: (b.context, b.kind.value, b.evidence.location.path, b.evidence.location.line, b.evidence.sink))
        return out


class _HitAttacher:
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
        return found


def _node_sinks(node: NodeKey, builder: GraphBuilder, attach: _HitAttacher) -> list[SinkUse]:
    facts = builder.facts[node]
    uses: dict[tuple[Kind, str, int], SinkUse] = {}
    for u in [*facts.sinks, *attach.uses(node, facts)]:
        key = (u.kind, u.path, u.line)
        if key not in uses or len(u.sink) < len(uses[key].sink):
            uses[key] = u
    return sorted(uses.values(), key=lambda u: (u.kind.value, u.path, u.line, u.sink))


def _reach(builder: GraphBuilder, roots: Iterable[NodeKey]) -> dict[NodeKey, NodeKey | None]:
    """BFS parents from the roots (shortest call paths)."""
    parents: dict[NodeKey, NodeKey | None] = {}
    queue: deque[NodeKey] = deque()
    for r in roots:
        if r not in parents:
            parents[r] = None
            queue.append(r)
    while queue:
        n = queue.popleft()
        for callee in builder.successors(n):
            if callee not in parents:
                parents[callee] = n
                queue.append(callee)
    return parents


def _path_names(parents: dict[NodeKey, NodeKey | None], node: NodeKey) -> tuple[str, ...]:
    chain: list[str] = []
    cur: NodeKey | None = node
    while cur is not None:
        if not chain or chain[-1] != cur.qualname:
            chain.append(cur.qualname)
        cur = parents.get(cur)
    return tuple(reversed(chain))


def _capabilities(parents: dict[NodeKey, NodeKey | None], builder: GraphBuilder, attach: _HitAttacher) -> tuple[Capability, ...]:
    best: dict[tuple[Kind, str, int], Evidence] = {}
    for node in parents:
        for use in _node_sinks(node, builder, attach):
            ev = Evidence(Location(use.path, use.line), use.sink, _path_names(parents, node))
            key = (use.kind, use.path, use.line)
            old = best.get(key)
            if old is None or (len(ev.call_path), ev.call_path) < (len(old.call_path), old.call_path):
                best[key] = ev
    by_kind: dict[Kind, list[Evidence]] = {}
    for (kind, _p, _l), ev in best.items():
        by_kind.setdefault(kind, []).append(ev)
    caps = []
    for kind in sorted(by_kind, key=lambda k: k.value):
        evs = sorted(by_kind[kind], key=lambda e: (len(e.call_path), e.location.path, e.location.line, e.sink, e.call_path))
        caps.append(Capability(kind, tuple(evs[:MAX_EVIDENCE_PER_KIND])))
    return tuple(caps)

