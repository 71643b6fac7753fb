"""JavaScriptFrontend: tools, call graph and capabilities of an npm package (JS and TS).

Parsing and per-file extraction run in a killable worker (`mcpvet.isolate.map_isolated`);
cross-module resolution, the call graph and tool extraction run here on the compact facts.

Qualified names in call paths: `<path relative to the package root>:<name in file>`, e.g.
`dist/handlers.js:wordStats`, `src/server.ts:Server.handle`, `dist/index.js:<anonymous@19>`,
`dist/index.js:<module>` (top-level code), and `…#case:"name"@LINE` for one branch of a
switch/if dispatch on a tool name.
"""

from __future__ import annotations

import gc
import json
import posixpath
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from mcpvet.analysis import (
    AnalysisGraph,
    FlowSolver,
    capabilities,
    enum_parameters,
    package_behaviour,
    reach,
    reached_files,
    tool_control,
    unresolved_calls,
)
from mcpvet.analysis.budgets import BudgetCuts, Budgets, analysis_clock
from mcpvet.analysis.collection import frozen, paused
from mcpvet.cputime import OVERLOAD_STAGE, CpuBudget, CpuMeter, overload_message
from mcpvet.frontends.javascript.deps import handoff_note, handoffs, read_manifest
from mcpvet.frontends.javascript.extract import extract_module
from mcpvet.frontends.javascript.facts import ModuleFacts
from mcpvet.frontends.javascript.graph import attach_hits, build_graph
from mcpvet.frontends.javascript.ir import BoundFn, Env, Fn, Spread
from mcpvet.frontends.javascript.lower import lower
from mcpvet.frontends.javascript.parse import grammar_for
from mcpvet.frontends.javascript.program import EMPTY, Program
from mcpvet.frontends.javascript.shapes import program_shapes
from mcpvet.frontends.javascript.stringarray import decode_string_arrays
from mcpvet.frontends.javascript.taint import FlowBuilder, annotate, js_param_namer, specialise_commands
from mcpvet.frontends.javascript.tools import ToolDecl, find_tools
from mcpvet.isolate import WorkerFailure, map_isolated
from mcpvet.model import (
    DEPENDENCY_MODULES,
    AnalysisError,
    EnvRead,
    EnvShape,
    FileRole,
    FrontendResult,
    HandlerRef,
    Handoff,
    Language,
    Location,
    PackageBehaviour,
    SinkHit,
    SourceTree,
    Tool,
)
from mcpvet.options import InspectOptions

STAGE = "javascript"
MAX_EVIDENCE = 5
_ROLES = (FileRole.SOURCE, FileRole.VENDORED)  # install scripts are judged by the install-hook checks
_TS_SUFFIXES = (".ts", ".tsx", ".mts", ".cts")
GRAPH_SHARE = 0.6  # of the frontend_seconds budget, at most, for the call graph (see `analyse_modules`)

# functions followed under one registration's bindings (`_closure_calls`): calls deep, and in all
_CLOSURE_DEPTH = 3
_CLOSURE_VISITS = 200

_ZOD_STYLES = frozenset({"tool", "registerTool", "registerToolTask", "fastmcp", "mcp-framework"})


@dataclass(frozen=True)
class _Job:
    path: str
    grammar: str
    source: bytes


def _extract_job(job: _Job) -> ModuleFacts:
    import sys

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 6000))
    # runs in the parser worker, forked while the parent had collection paused (`extract_all`):
    # paused for the extraction, on again between jobs whatever the fork inherited
    gc.disable()
    try:
        return extract_module(job.path, job.grammar, job.source)
    finally:
        gc.enable()


def syntax_error_message(mod: ModuleFacts) -> str:
    """What a file's syntax errors cost the analysis, in one sentence."""
    lines = ", ".join(str(n) for n in sorted(set(mod.syntax_error_lines))[:10])
    text = f"syntax errors near line(s) {lines}" if lines else "syntax errors"
    if mod.skipped_lines:
        shown = ", ".join(f"{a}-{b}" if a != b else str(a) for a, b in mod.skipped_lines[:10])
        text += (f"; to read the statements after them, line(s) {shown} were skipped (tools declared there "
                 "are not listed)")
    if mod.recovery_gave_up_at is not None:
        return text + (f"; the parser could not recover after line {mod.recovery_gave_up_at}: tools declared "
                       "after it may be missing")
    return text + "; the rest of the file was analysed"


@dataclass
class Extracted:
    """The parsed files, their errors, and the files left unparsed: `unparsed_by` is "cpu" when the
    parse workers used the frontend_seconds budget of CPU time first, "wall" when the wall-clock
    backstop passed first (the machine, not the package), "" when every file was parsed."""

    modules: list[ModuleFacts]
    errors: list[AnalysisError]
    unparsed: list[str]
    unparsed_by: str = ""


def extract_all(jobs: Sequence[_Job], options: InspectOptions, parse_cpu_s: float | None = None,
                wall_clock: Callable[[], float] = time.monotonic) -> Extracted:
    """The facts of each file (parsed in a worker) and its errors. With `parse_cpu_s`, parsing stops
    once the workers have used that many CPU seconds (the frontend_seconds budget) or, as a last
    resort, once `BACKSTOP_FACTOR` times that much wall-clock time has passed."""
    modules: list[ModuleFacts] = []
    errors: list[AnalysisError] = []
    limits = options.limits
    meter = CpuMeter()
    budget = (CpuBudget(parse_cpu_s, lambda: meter.seconds, limits.backstop_factor, wall_clock)
              if parse_cpu_s is not None else None)
    results = map_isolated(
        _extract_job, jobs, timeout_s=limits.parse_timeout_s, memory_bytes=limits.parse_memory_bytes,
        backstop_factor=limits.backstop_factor, meter=meter,
    )
    done: list[tuple[_Job, ModuleFacts | WorkerFailure]] = []
    stopped = ""
    with paused():  # the facts are unpickled as the results are read
        try:
            for pair in results:
                done.append(pair)
                if budget is not None and len(done) < len(jobs):
                    state = budget.state()
                    if state != "ok":
                        stopped = state
                        break
        finally:
            close = getattr(results, "close", None)  # a generator: closing it stops the worker
            if close is not None:
                close()
    unparsed = [job.path for job in jobs[len(done):]]
    for job, result in done:
        if isinstance(result, WorkerFailure):
            errors.append(AnalysisError(OVERLOAD_STAGE if result.overload else STAGE,
                                        f"file not analysed: parser worker failed: {result.reason}", job.path))
            continue
        modules.append(result)
        if result.syntax_error_lines or result.skipped_lines:
            errors.append(AnalysisError(STAGE, syntax_error_message(result), job.path))
        if result.truncated:
            errors.append(AnalysisError(STAGE, "code nested too deeply: the innermost parts were not analysed", job.path))
    return Extracted(modules, errors, unparsed, stopped if unparsed else "")


class JavaScriptFrontend:
    languages: tuple[Language, ...] = (Language.JAVASCRIPT, Language.TYPESCRIPT)

    def analyze(self, tree: SourceTree, hits: Sequence[SinkHit], options: InspectOptions) -> FrontendResult:
        started = time.perf_counter()
        cpu = analysis_clock()  # the analysis itself: CPU time of this process (deterministic under load)
        budgets = options.limits.budgets
        errors: list[AnalysisError] = []
        jobs: list[_Job] = []
        deobfuscated: dict[str, int] = {}
        for sf in sorted(tree.files_of(*self.languages, roles=_ROLES), key=lambda s: s.path):
            grammar = grammar_for(sf.path)
            if grammar is None:
                continue
            if sf.size > options.limits.max_source_file_bytes:
                errors.append(AnalysisError(
                    STAGE, f"file not analysed: {sf.size} bytes is over the limit of "
                           f"{options.limits.max_source_file_bytes} bytes", sf.path))
                continue
            try:
                source = sf.abspath.read_bytes()
            except OSError as exc:
                errors.append(AnalysisError(STAGE, f"file not read: {exc}", sf.path))
                continue
            decoded = decode_string_arrays(source)
            if decoded.failure:
                errors.append(AnalysisError(STAGE, (
                    f"obfuscated (javascript-obfuscator string array): {decoded.failure}; the strings behind "
                    "its decoder calls (tool names, descriptions, schemas, destinations) are unknown"), sf.path))
            if decoded.replaced:
                deobfuscated[sf.path] = decoded.replaced
                source = decoded.source
            jobs.append(_Job(sf.path, grammar, source))
        # parsing: the parser workers' CPU time, up to frontend_seconds; the analysis after it: this
        # thread's CPU time, up to frontend_seconds (`analysis_clock`)
        extracted = extract_all(jobs, options, budgets.frontend_seconds)
        modules, unparsed = extracted.modules, extracted.unparsed
        errors.extend(extracted.errors)
        if extracted.unparsed_by == "wall":
            errors.append(AnalysisError(OVERLOAD_STAGE, overload_message(
                "parsing the package", budgets.frontend_seconds, options.limits.backstop_factor)
                + f"; files not parsed (tools declared there are missing): {_some(unparsed)}"))
        elif unparsed:
            cuts = BudgetCuts()
            cuts.cut("frontend_seconds", f"files not parsed (tools declared there are missing): {_some(unparsed)}")
            errors.extend(cuts.errors(budgets))
        known = {m.path for m in modules}
        own_hits = _read_later(hits, known, set(deobfuscated))
        with frozen():
            packages = tree.manifest.get(DEPENDENCY_MODULES)
            result = analyse_modules(modules, own_hits, tree.root.as_posix() if tree.root else "",
                                     budgets, started=cpu, packages=packages if isinstance(packages, dict) else None)
        errors.extend(result.errors)
        out_of_time = bool(unparsed) or any(e.stage == "budget" and "the frontend_seconds budget" in e.message
                                            for e in result.errors)
        handed: tuple[Handoff, ...] = ()
        if modules and not result.tools and not out_of_time:
            manifest = read_manifest(tree.root)
            # the package's own code registers tools it could not name (errors[] says where): they are
            # there, not behind an MCP client ("may proxy a remote server" would misstate it)
            note = handoff_note(modules, manifest, own_unnamed=any(_unnamed_registration(e) for e in result.errors))
            if note is not None:
                errors.append(AnalysisError(STAGE, f"no tools found in the package's own code: {note}"))
            handed = handoffs(modules, manifest)
        stats = dict(result.stats)
        if "tools_also_declared_in" in stats and tree.root is not None:
            stats["tools_also_declared_in"] = _link_sources(tree.root.as_posix(), stats["tools_also_declared_in"])
        if deobfuscated:
            # files read through their javascript-obfuscator string array (decoder calls written back as
            # the strings they return): path -> how many calls
            stats["string_arrays_decoded"] = deobfuscated
        stats["seconds"] = round(time.perf_counter() - started, 3)
        return FrontendResult(
            language=Language.TYPESCRIPT if _only_typescript(modules) else Language.JAVASCRIPT,
            tools=result.tools,
            package_behaviour=result.package_behaviour,
            errors=tuple(sorted(errors, key=lambda e: (e.path or "", e.message))),
            files_analysed=len(modules),
            lines_analysed=sum(m.lines for m in modules),
            stats=stats,
            env_reads=result.env_reads,
            shapes=result.shapes,
            handoffs=handed,
        )


def _unnamed_registration(error: AnalysisError) -> bool:
    """An errors[] entry of a registration (or tools/list answer) whose tool name is not known statically."""
    return bool(error.path) and "not known statically" in error.message and "tool" in error.message \
        and "description" not in error.message


def _read_later(hits: Iterable[SinkHit], paths: set[str], rewritten: set[str] | frozenset[str] = frozenset()
                ) -> Iterator[SinkHit]:
    """The hits in `paths`, read when first asked for: reading `hits` waits for semgrep (which runs
    beside the frontend), so they are read once the graph is built, not before it. In a file parsed
    through its string array (`rewritten`) semgrep's columns are not those of the parsed text: its
    hits are placed by their line only (column 0)."""
    for hit in hits:
        if hit.path in paths:
            yield replace(hit, column=0) if hit.path in rewritten and hit.column else hit


def _only_typescript(modules: Sequence[ModuleFacts]) -> bool:
    return bool(modules) and all(m.path.endswith(_TS_SUFFIXES) for m in modules)


def analyse_modules(modules: Sequence[ModuleFacts], hits: Iterable[SinkHit], root: str = "",
                    budgets: Budgets | None = None, started: float | None = None,
                    packages: Mapping[str, str] | None = None) -> FrontendResult:
    """Everything after parsing: program, call graph, tools, capabilities, package behaviour.

    Bounded by the frontend_seconds budget, counted from `started` (a `time.monotonic()` reading,
    default now): when it runs out the analysis stops where it is, keeps what it found and records
    a cut naming the files not searched for tools, the functions not analysed and each tool whose
    reach is unfinished (marked by an unresolved entry)."""
    program = Program(modules, budgets, started, root, packages)
    end = program.deadline
    # the call graph may take GRAPH_SHARE of the frontend_seconds budget: what is left is for finding
    # the tools (names, descriptions, schemas), so a graph cut costs capabilities (its unfinished
    # functions are marked on every tool reaching them) but never the tools themselves
    program.deadline = end - (1 - GRAPH_SHARE) * program.budgets.frontend_seconds
    graph = build_graph(program, ())
    program.deadline, program.expired = end, False
    scan = find_tools(program, graph)
    # semgrep's hits are read here, after the graph and the tool search (which do not use them): the
    # same graph as building it with them, with most of the work done while semgrep still runs
    attach_hits(program, graph, hits)
    analysis = lower(program, graph)
    errors = [AnalysisError(STAGE, message, path) for path, message in scan.errors]
    decls, dropped = _dedupe(scan.tools, modules)
    if scan.unsearched:
        program.cuts.cut("frontend_seconds", f"tool registrations not searched (tools declared there are missing) "
                                             f"in {_some(scan.unsearched)}")
    if graph.unfinished:
        program.cuts.cut("frontend_seconds", f"call graph not finished: {_some(sorted(graph.unfinished), 'functions')} "
                                             "not analysed")
    # a registration recognised whose tools could not be listed has said so itself (scan.errors): the package
    # does declare tools the recognised ways, so "no declaration recognised" would contradict it
    if modules and not decls and not scan.unsearched and not scan.errors:
        errors.append(AnalysisError(
            STAGE, "no MCP tool declaration recognised in the JavaScript/TypeScript code (McpServer.tool/"
                   "registerTool, Server.setRequestHandler(ListToolsRequestSchema), fastmcp addTool, "
                   "mcp-framework MCPTool, @supabase/mcp-utils createMcpServer, Mastra MCPServer, @sylphx/mcp-server-sdk "
                   "createServer): tools declared another "
                   "way, or in a "
                   "dependency, are not reported"))
    tools: list[Tool] = []
    reached: set[str] = set()
    visited_by: dict[str, set[str]] = {}
    flows = FlowBuilder(program, graph.call_sites, graph.targets)
    solver = FlowSolver(flows.flow, program.budgets, lambda what: program.cuts.cut("taint_functions", what))
    for decl in decls:
        program.focus, program.focus_tool = None, decl.name
        tool, visited = _tool(program, analysis, decl, graph.unfinished, (flows, solver))
        program.focus_tool = None
        visited_by[decl.name] = visited
        reached |= visited
        tools.append(tool)
        if decl.handler_error:
            errors.append(AnalysisError(STAGE, f"tool {decl.name!r}: {decl.handler_error}", decl.path))
    behaviour = _package_behaviour(program, analysis, reached)
    errors.extend(budget_errors(program, visited_by))
    # after the budgets' cuts are reported: reading the handlers' shapes cuts nothing
    shapes = program_shapes(program, [(t.name, t.declared_at, t.handler.symbol, _params(t.input_schema))
                                      for t in tools if t.handler is not None])
    unresolved_total = sum(len(v) for v in graph.unresolved.values())
    stats = {
        "nodes": graph.graph.number_of_nodes(),
        "edges": graph.graph.number_of_edges(),
        "unresolved_calls": unresolved_total,
        "dynamic_calls": graph.dynamic_calls,
        "modules": len(modules),
        "sink_hits": sum(len(v) for v in graph.hits.values()),
        "tools_found": len(tools),
        "qualified_names": "<path>:<name in file>",
    }
    if dropped:
        stats["tools_also_declared_in"] = dropped
    return FrontendResult(
        language=Language.JAVASCRIPT,
        tools=tuple(sorted(tools, key=lambda t: (t.declared_at.path, t.declared_at.line, t.name))),
        package_behaviour=behaviour,
        errors=tuple(errors),
        files_analysed=len(modules),
        lines_analysed=sum(m.lines for m in modules),
        stats=stats,
        env_reads=tuple(EnvRead(Location(m.path, line), EnvShape(shape), keys)
                        for m in sorted(modules, key=lambda m: m.path) for line, shape, keys in m.env_reads),
        shapes=shapes,
    )


def _params(schema: dict[str, Any] | None) -> tuple[str, ...]:
    """The names of a tool's parameters (its input schema's properties)."""
    props = (schema or {}).get("properties")
    return tuple(props) if isinstance(props, dict) else ()


def budget_errors(program: Program, visited_by: dict[str, set[str]]) -> list[AnalysisError]:
    """The cuts budgets made, as errors[] entries; a cut inside a function is reported for every
    tool whose handler reaches that function (or once, for no tool, when none does)."""
    cuts = BudgetCuts()
    for (budget, what, fid, tool, path), times in program.cuts.cuts.items():
        tools = [tool] if tool is not None else sorted(n for n, seen in visited_by.items() if fid in seen)
        named: list[str | None] = list(tools) if tools else [None]
        for name in named:
            cuts.cut(budget, what, tool=name, path=path, times=times)
    return cuts.errors(program.budgets)


def _dedupe(decls: list[ToolDecl], modules: Sequence[ModuleFacts]) -> tuple[list[ToolDecl], dict[str, list[str]]]:
    """One tool per name: compiled JavaScript (what runs) wins over its TypeScript source."""
    by_name: dict[str, list[ToolDecl]] = {}
    for d in decls:
        by_name.setdefault(d.name, []).append(d)
    kept: list[ToolDecl] = []
    dropped: dict[str, list[str]] = {}
    for name in sorted(by_name):
        group = sorted(by_name[name], key=lambda d: (d.path.endswith(_TS_SUFFIXES), d.path, d.line))
        kept.append(group[0])
        if len(group) > 1:
            dropped[f"{group[0].path}:{group[0].line}"] = [f"{d.path}:{d.line}" for d in group[1:]]
    return kept, dropped


def _closure_calls(program: Program, decl: ToolDecl) -> list[tuple[str, str]]:
    """Calls in the handler (and functions nested in it) that resolve only under the parameter
    bindings of this registration, e.g. `def.run(args)` inside `TOOLS.forEach(def => server.tool(…))`;
    also inside the package functions the handler calls with a function known only there and inside
    the closures they return (`(args) => wrapToolCallback(name, cb)(args)` in `tool(name, …, cb)`:
    `cb(args)` in the wrapper's closure runs THIS registration's callback, not every caller's), at most
    _CLOSURE_DEPTH calls deep and _CLOSURE_VISITS functions (a cut is recorded)."""
    if not decl.env and not program.per_call_closures:
        return []  # (nothing depends on this registration's bindings: no closure left a call to its callers)
    out: list[tuple[str, str]] = []
    stack: list[tuple[str, Env, int]] = [(fid, decl.env, 0) for fid in decl.handlers]
    seen: set[tuple[str, int]] = set()
    visits = 0
    while stack:
        fid, env, depth = stack.pop()
        if (fid, depth) in seen or fid not in program.functions:
            continue
        visits += 1
        if visits > _CLOSURE_VISITS:
            program.cuts.cut("js_call_sites", f"functions followed under the bindings of one registration: only "
                                              f"the first {_CLOSURE_VISITS}", tool=decl.name)
            break
        seen.add((fid, depth))
        f = program.functions[fid]
        stack.extend((child, env, depth) for child in f.anon_children)
        stack.extend((b, env, depth) for b, _, _ in f.branches)
        for call in f.calls:
            plain = program.value(call.callee, EMPTY)
            bound = program.value(call.callee, env)
            if not isinstance(bound, (Fn, BoundFn)):
                continue
            if not isinstance(plain, Fn):
                out.append((bound.fid, fid))
            if depth >= _CLOSURE_DEPTH or not isinstance(bound, Fn) or bound.fid not in program.functions:
                continue
            callee = program.functions[bound.fid]
            given = any(isinstance(program.value(a, env), (Fn, BoundFn))
                        and not isinstance(program.value(a, EMPTY), (Fn, BoundFn))
                        for a in call.args if not isinstance(a, Spread))
            if bound.env or given:
                inner: Env = {**(bound.env or {}), **program.bind_args(bound.fid, call.args, env, len(callee.params))}
                stack.append((bound.fid, inner, depth + 1))
    return sorted(set(out))


def _tool(program: Program, graph: AnalysisGraph, decl: ToolDecl,
          unfinished: set[str] | frozenset[str] = frozenset(),
          flow: tuple[FlowBuilder, FlowSolver] | None = None) -> tuple[Tool, set[str]]:
    seeds = _closure_calls(program, decl)
    found = reach(graph, decl.handlers, key=decl.name, seeds=seeds)
    control = None
    if flow is not None:
        flows, solver = flow
        roots = [*decl.handlers, *(fid for fid, _caller in seeds)]
        # the SDK parses the arguments with the tool's zod shape before the handler runs (`z.enum`);
        # a `setRequestHandler` server's listed JSON schema binds nothing
        fixed = enum_parameters(decl.input_schema) if decl.style in _ZOD_STYLES else frozenset()
        control = tool_control([solver.summary(r) for r in roots], js_param_namer(decl.input_schema), fixed)
        annotate(graph, found, flows.sites, flows.extras, flows.loopback)
    late = program.out_of_time()  # the closure calls were evaluated (in part) after the clock ran out
    unresolved = unresolved_calls(graph, found, program.budgets, program.cuts, decl.name)
    cut_short = [fid for fid in found if fid in unfinished]
    if cut_short:
        program.cuts.cut("frontend_seconds", f"what the tool reaches is not fully analysed ({len(cut_short)} "
                                             "functions not finished; its capabilities may be missing)", tool=decl.name)
    if decl.cut_short or (late and decl.env):
        program.cuts.cut("frontend_seconds", "its registration was not fully evaluated (its description, schema, "
                                             "handler and capabilities may be missing)", tool=decl.name)
    if cut_short or decl.cut_short or (late and decl.env):
        unresolved = ("(analysis not finished: the frontend_seconds budget ran out)", *unresolved)
    handler: HandlerRef | None = None
    if decl.handlers:
        shown = decl.handlers[0]
        if decl.style == "setRequestHandler":
            shown = _own_branch(graph, found, decl.name) or shown
        f = program.functions[shown]
        handler = HandlerRef(Location(f.path, f.line), shown, f.end_line)
    caps = capabilities(graph, found, program.budgets, control)
    if flow is not None:
        caps = specialise_commands(graph, found, caps, flow[0].site_commands)
    tool = Tool(
        name=decl.name,
        description=decl.description,
        input_schema=decl.input_schema,
        declared_at=Location(decl.path, decl.line),
        handler=handler,
        language=Language.TYPESCRIPT if decl.path.endswith(_TS_SUFFIXES) else Language.JAVASCRIPT,
        title=decl.title,
        annotations=decl.annotations,
        capabilities=caps,
        reached_files=reached_files(graph, found),
        description_source=decl.description_source,
        description_note=decl.description_note,
        unresolved_calls=unresolved,
    )
    return tool, set(found)


def _own_branch(graph: AnalysisGraph, found: Iterable[str], name: str) -> str | None:
    """The branch of a dispatch on the tool's name nearest to the handler (breadth-first over what
    the tool reaches: `handleToolCall(name)`'s `case "x":` two calls below the CallTool handler),
    when that dispatch has exactly one branch for the name."""
    for fid in found:
        branch = [e.dst for e in graph.out(fid) if e.dispatch is not None and e.dispatch.names(name)]
        if len(branch) == 1:
            return branch[0]
        if branch:
            return None
    return None


def _some(names: Sequence[str], what: str = "files", shown: int = 5) -> str:
    """`n files (a, b, c, … and k more)`: a list named in one error message."""
    head = ", ".join(names[:shown])
    more = f", … and {len(names) - shown} more" if len(names) > shown else ""
    return f"{len(names)} {what} ({head}{more})"


def _package_behaviour(program: Program, graph: AnalysisGraph, reached: set[str]) -> tuple[PackageBehaviour, ...]:
    """Module code is each module's top level and the branches of its top-level dispatches; what
    that code calls runs when the server starts (a JavaScript server starts from its module code)."""
    roots = sorted(fid for fid, f in program.functions.items() if f.kind == "module")
    return package_behaviour(graph, module=reach(graph, roots, follow=("branch",)), startup=reach(graph, roots),
                             tools=reached, budgets=program.budgets)


def _link_sources(root: str, dropped: dict[str, list[str]]) -> dict[str, list[str]]:
    """Mark the dropped duplicates that the kept file's source map names as its source."""
    out: dict[str, list[str]] = {}
    for kept, others in sorted(dropped.items()):
        js_path = kept.rsplit(":", 1)[0]
        sources = set(source_map_sources(root, js_path))
        out[kept] = [f"{o} (source map)" if o.rsplit(":", 1)[0] in sources else o for o in others]
    return out


def source_map_sources(root: str, js_path: str) -> list[str]:
    """The `sources` of `<js_path>.map` when present (links dist files to their TypeScript)."""
    import pathlib

    from mcpvet.discover.files import Unreadable, read_inside

    try:  # never through a link nor from a FIFO: the map is named by convention, not walked
        doc = json.loads(read_inside(pathlib.Path(root), js_path + ".map", 16 << 20).decode("utf-8"))
    except (Unreadable, ValueError, RecursionError):
        return []
    if not isinstance(doc, dict) or not isinstance(doc.get("sources"), list):
        return []
    base = posixpath.dirname(js_path)
    source_root = doc["sourceRoot"] if isinstance(doc.get("sourceRoot"), str) else ""
    return [posixpath.normpath(posixpath.join(base, source_root, s)) for s in doc["sources"] if isinstance(s, str)]
