"""PythonFrontend: tools, call graph and capabilities of a Python MCP server package.

Pipeline: every source .py file is vetted in an isolated worker (`ast.parse` plus a depth gate)
and parsed again here; `index` records every name binding per scope; `evaluate` is a small
flow-insensitive abstract interpreter (imports, classes and inheritance, instance attributes,
closures, decorators, containers, constant strings, getattr with computable names, optional
constant bindings); `tools` finds the tools each SDK would list and derives their descriptions
with the SDK's own rule; `graph` builds the call graph (one node per function, plus nodes
specialised for one tool name in low-level dispatchers) with the sink calls of `sinks/python.py`
and the semgrep hits attached to the functions that contain them.

We read trees with the standard library's `ast`: we need line numbers and evaluated constants,
not round-tripping, and `ast` is several times faster and cannot abort the process the way libcst
1.9 does on deep nesting. Only a file the 3.11 `ast` rejects (syntax of Python 3.12-3.14) is read
with libcst, inside the killable worker, and turned into the same `ast` tree (`newsyntax`).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from typing import Any

from mcpvet.analysis import (
    AnalysisGraph,
    BudgetCuts,
    Budgets,
    FlowSolver,
    NodeId,
    capabilities,
    collection,
    enum_parameters,
    package_behaviour,
    param_namer,
    reach,
    reached_files,
    tool_control,
    unresolved_calls,
)
from mcpvet.analysis.budgets import analysis_clock
from mcpvet.cputime import OVERLOAD_STAGE
from mcpvet.frontends.python.evaluator import Evaluator
from mcpvet.frontends.python.graph import GraphBuilder, NodeKey
from mcpvet.frontends.python.index import Program
from mcpvet.frontends.python.lower import HitAttacher, lower, node_id
from mcpvet.frontends.python.parse import ParsedFile, ParseJob, module_name, parse_job, reparse
from mcpvet.frontends.python.pkgfiles import PackageFiles
from mcpvet.frontends.python.taint import FlowBuilder
from mcpvet.frontends.python.tools import ToolDecl, ToolExtractor
from mcpvet.frontends.python.versions import fastmcp_major
from mcpvet.isolate import WorkerFailure, map_isolated
from mcpvet.model import (
    AnalysisError,
    EnvRead,
    FrontendResult,
    FunctionShape,
    HandlerRef,
    Language,
    Location,
    SinkHit,
    SourceTree,
    Tool,
)
from mcpvet.options import InspectOptions

STAGE = "python"


class PythonFrontend:
    """Reads .py files with the standard `ast` parser (libcst for newer syntax) in an isolated worker; never imports them."""

    languages: tuple[Language, ...] = (Language.PYTHON,)

    def analyze(self, tree: SourceTree, hits: Sequence[SinkHit], options: InspectOptions) -> FrontendResult:
        started = time.perf_counter()
        clock = analysis_clock()  # the frontend_seconds budget: CPU time of this process
        errors: list[AnalysisError] = []
        with collection.paused():  # the trees and their index: long-lived, no cyclic garbage
            program, lines, parse_seconds = self._parse(tree, options, errors)
        with collection.frozen():  # ... and left out of the collections while they are analysed
            return self._analyse(tree, hits, options, program, errors, started, clock, lines, parse_seconds)

    def _analyse(self, tree: SourceTree, hits: Sequence[SinkHit], options: InspectOptions, program: Program,
                 errors: list[AnalysisError], started: float, clock: float, lines: int,
                 parse_seconds: float) -> FrontendResult:
        if not program.modules:
            return FrontendResult(
                language=Language.PYTHON,
                errors=tuple(errors),
                functions=self._functions,
                stats={"nodes": 0, "edges": 0, "unresolved": 0, "seconds": round(time.perf_counter() - started, 3)},
            )
        budgets = options.limits.budgets
        cuts = BudgetCuts()  # what the Python budgets cut (evaluator, tool extraction, graph, reach)
        evaluator = Evaluator(program, PackageFiles(tree).read_text, budgets, cuts)
        evaluator.start_clock(budgets.frontend_seconds, clock)
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
        attach = HitAttacher(program, [h for h in hits if h.path in program.by_path])
        module_roots, startup_roots = _package_roots(tree, program)
        try:
            graph = lower(program, builder, attach, [*(r for d in decls for r in d.roots), *module_roots, *startup_roots])
        except RecursionError:
            errors.append(AnalysisError(STAGE, "call graph incomplete: expressions nested too deeply"))
            graph = lower(program, builder, attach)
        unfinished = {node_id(k) for k in builder.unfinished}
        stop = evaluator.stopped_by  # frontend_seconds, or py_memo_entries (memory)
        keys = {node_id(k): k for k in builder.facts}
        flows = FlowBuilder(evaluator, builder)
        solver = FlowSolver(lambda n: flows.flow(keys[n], n) if n in keys else None, budgets,
                            lambda what: cuts.cut("taint_functions", what))
        tools, tool_nodes = self._tools(decls, graph, budgets, cuts, unfinished, stop, solver)
        if extraction is not None and extraction.unsearched:
            cuts.cut(stop, f"tool registrations not searched (tools declared there are missing) in "
                     f"{_some(extraction.unsearched)}")
        if builder.unfinished:
            modules = sorted(k.qualname.rsplit(".", 1)[0] for k in builder.unfinished
                             if k.qualname.endswith(".<module>"))
            functions = sorted(k.label for k in builder.unfinished if not k.qualname.endswith((".<module>", ".<main>")))
            if modules:
                cuts.cut(stop, f"code run on import not analysed in {_some(modules, 'modules')}")
            if functions:
                cuts.cut(stop, f"call graph not finished: {_some(functions, 'functions')} not analysed")
        module = reach(graph, map(node_id, module_roots))
        startup = reach(graph, map(node_id, startup_roots))
        behaviour = package_behaviour(graph, module=module, startup=startup, tools=tool_nodes, budgets=budgets)
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
            env_reads=tuple(r for m in sorted(program.modules.values(), key=lambda m: m.path)
                            for r in self._env_reads.get(m.path, ())),
            functions=self._functions,
        )

    # ------------------------------------------------------------------ parsing
    def _parse(self, tree: SourceTree, options: InspectOptions, errors: list[AnalysisError]) -> tuple[Program, int, float]:
        t0 = time.perf_counter()
        self._env_reads: dict[str, tuple[EnvRead, ...]] = {}  # path -> its reads, as the worker found them
        shapes: list[FunctionShape] = []  # of every file the worker parsed, read from its tree there
        files = sorted(tree.files_of(Language.PYTHON), key=lambda f: f.path)
        all_paths = frozenset(f.path for f in files)
        limits = options.limits
        jobs = [ParseJob(f.path, str(f.abspath), limits.max_source_file_bytes) for f in files]
        program = Program()
        lines = 0
        results: Iterable[tuple[ParseJob, ParsedFile | WorkerFailure]] = map_isolated(
            parse_job, jobs, timeout_s=limits.parse_timeout_s, memory_bytes=limits.parse_memory_bytes,
            backstop_factor=limits.backstop_factor,
        )
        for job, result in results:
            if isinstance(result, WorkerFailure):
                errors.append(AnalysisError(OVERLOAD_STAGE if result.overload else STAGE,
                                            f"not parsed: parser worker failed ({result.reason})", job.path))
                continue
            if result.error:
                errors.append(AnalysisError(STAGE, f"not parsed: {result.error}", job.path))
                continue
            shapes.extend(result.functions)
            errors.extend(AnalysisError(STAGE, message, job.path) for message in result.unread)
            try:
                tree_ = result.tree if result.tree is not None else reparse(job)
                program.add_module(module_name(job.path, all_paths), job.path, tree_, result.lines)
                self._env_reads[job.path] = result.env_reads
            except (RecursionError, SyntaxError, ValueError, OSError) as exc:
                errors.append(AnalysisError(STAGE, f"not analysed: {type(exc).__name__}: {exc}", job.path))
                continue
            lines += result.lines
        self._functions = tuple(shapes)
        return program, lines, time.perf_counter() - t0

    # ------------------------------------------------------------------ tools
    def _tools(
        self, decls: list[ToolDecl], graph: AnalysisGraph, budgets: Budgets, cuts: BudgetCuts,
        unfinished: set[NodeId] | frozenset[NodeId] = frozenset(), stop: str = "frontend_seconds",
        solver: FlowSolver | None = None,
    ) -> tuple[list[Tool], set[NodeId]]:
        tools: list[Tool] = []
        seen: dict[str, set[str]] = {}  # tool name -> the servers it was listed on ("" unknown)
        all_nodes: set[NodeId] = set()
        for d in sorted(decls, key=lambda d: (d.declared_at.path, d.declared_at.line, d.name)):
            # a name registered twice on one server is listed once (the SDKs keep the first); a
            # name on two servers of the package (one per entry point, say) is two tools, both reported
            servers = seen.setdefault(d.name, set())
            if d.server in servers or "" in servers or (servers and not d.server):
                continue
            servers.add(d.server)
            found = reach(graph, map(node_id, d.roots))
            all_nodes.update(found)
            control = None
            if solver is not None:
                # pydantic holds a decorated function's `Literal`/Enum parameters to their values; a low-level
                # server's listed schema binds nothing
                fixed = enum_parameters(d.input_schema) if d.flavor in ("mcp", "fastmcp") else frozenset()
                control = tool_control([solver.summary(node_id(r)) for r in d.roots], param_namer(d.input_schema), fixed)
            caps = capabilities(graph, found, budgets, control)
            unresolved = unresolved_calls(graph, found, budgets, cuts, d.name)
            cut_short = sorted(n for n in found if n in unfinished)
            if cut_short:
                unresolved = (f"(analysis not finished: the {stop} budget ran out)", *unresolved)
                cuts.cut(stop, f"what the tool reaches is not fully analysed ({len(cut_short)} "
                         "functions not finished; its capabilities may be missing)", tool=d.name)
            handler = None
            if d.handler is not None:
                handler = HandlerRef(Location(d.handler.path, d.handler.line), d.handler.qualname, d.handler.end_line)
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
                    reached_files=reached_files(graph, found),
                    description_source=d.description_source,
                    description_note=d.description_note,
                    unresolved_calls=tuple(unresolved),
                )
            )
        tools.sort(key=lambda t: (t.name, t.declared_at.path, t.declared_at.line))
        return tools, all_nodes


def _some(names: Sequence[str], what: str = "files", shown: int = 5) -> str:
    """`n files (a, b, c, … and k more)`: a list named in one error message."""
    head = ", ".join(names[:shown])
    more = f", … and {len(names) - shown} more" if len(names) > shown else ""
    return f"{len(names)} {what} ({head}{more})"


def _package_roots(tree: SourceTree, program: Program) -> tuple[list[NodeKey], list[NodeKey]]:
    """Code run on import (module bodies but `__main__`'s) and at start-up (main blocks, `__main__`
    modules, console-script entry points)."""
    module_roots = [NodeKey(f"{m}.<module>") for m in sorted(program.modules) if not m.endswith("__main__")]
    startup_roots = [NodeKey(f"{m}.<main>") for m in sorted(program.modules)]
    startup_roots += [NodeKey(f"{m}.<module>") for m in sorted(program.modules) if m.endswith("__main__")]
    for ep in tree.entry_points:
        if ":" in ep.target:
            mod, _, fn = ep.target.partition(":")
            q = f"{mod.strip()}.{fn.strip()}"
            if q in program.funcs:
                startup_roots.append(NodeKey(q))
    return module_roots, startup_roots
