"""JavaScriptFrontend: tools, call graph and capabilities of an npm package (JS and TS).

Parsing and per-file extraction run in a killable worker (`mcpvet.isolate.map_isolated`);
cross-module resolution, the call graph and tool extraction run here on the compact facts.

Qualified names in call paths: `<path relative to the package root>:<name in file>`, e.g.
`dist/handlers.js:wordStats`, `src/server.ts:Server.handle`, `dist/index.js:<anonymous@19>`,
`dist/index.js:<module>` (top-level code), and `…#case:"name"@LINE` for one branch of a
switch/if dispatch on a tool name.
"""

from __future__ import annotations

import json
import posixpath
import time
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

from mcpvet.analysis.budgets import Budgets, BudgetCuts
from mcpvet.frontends.javascript.deps import handoff_note, read_manifest
from mcpvet.frontends.javascript.extract import extract_module
from mcpvet.frontends.javascript.facts import ModuleFacts
from mcpvet.frontends.javascript.graph import CallGraph, build_graph
from mcpvet.frontends.javascript.parse import grammar_for
from mcpvet.frontends.javascript.program import EMPTY, Program
from mcpvet.frontends.javascript.tools import ToolDecl, find_tools
from mcpvet.isolate import WorkerFailure, map_isolated
from mcpvet.model import (
    AnalysisError,
    Capability,
    Evidence,
    FileRole,
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

STAGE = "javascript"
MAX_EVIDENCE = 5
_ROLES = (FileRole.SOURCE, FileRole.VENDORED)  # install scripts are judged by the install-hook checks
_TS_SUFFIXES = (".ts", ".tsx", ".mts", ".cts")


@dataclass(frozen=True)
class _Job:
    path: str
    grammar: str
    source: bytes


def _extract_job(job: _Job) -> ModuleFacts:
    import sys

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 6000))
    return extract_module(job.path, job.grammar, job.source)


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


def extract_all(
    jobs: Sequence[_Job], options: InspectOptions
) -> tuple[list[ModuleFacts], list[AnalysisError]]:
    modules: list[ModuleFacts] = []
    errors: list[AnalysisError] = []
    limits = options.limits
    for job, result in map_isolated(
        _extract_job, jobs, timeout_s=limits.parse_timeout_s, memory_bytes=limits.parse_memory_bytes,
    ):
        if isinstance(result, WorkerFailure):
            errors.append(AnalysisError(STAGE, f"file not analysed: parser worker failed: {result.reason}", job.path))
            continue
        modules.append(result)
        if result.syntax_error_lines or result.skipped_lines:
            errors.append(AnalysisError(STAGE, syntax_error_message(result), job.path))
        if result.truncated:
            errors.append(AnalysisError(STAGE, "code nested too deeply: the innermost parts were not analysed", job.path))
    return modules, errors


class JavaScriptFrontend:
    languages: tuple[Language, ...] = (Language.JAVASCRIPT, Language.TYPESCRIPT)

    def analyze(self, tree: SourceTree, hits: Sequence[SinkHit], options: InspectOptions) -> FrontendResult:
        started = time.perf_counter()
        errors: list[AnalysisError] = []
        jobs: list[_Job] = []
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
            jobs.append(_Job(sf.path, grammar, source))
        modules, parse_errors = extract_all(jobs, options)
        errors.extend(parse_errors)
        known = {m.path for m in modules}
        own_hits = [h for h in hits if h.path in known]
        result = analyse_modules(modules, own_hits, tree.root.as_posix() if tree.root else "",
                                 options.limits.budgets)
        errors.extend(result.errors)
        if modules and not result.tools:
            note = handoff_note(modules, read_manifest(tree.root))
            if note is not None:
                errors.append(AnalysisError(STAGE, f"no tools found in the package's own code: {note}"))
        stats = dict(result.stats)
        if "tools_also_declared_in" in stats and tree.root is not None:
            stats["tools_also_declared_in"] = _link_sources(tree.root.as_posix(), stats["tools_also_declared_in"])
        stats["seconds"] = round(time.perf_counter() - started, 3)
        return FrontendResult(
            language=Language.TYPESCRIPT if _only_typescript(modules) else Language.JAVASCRIPT,
            tools=result.tools,
            package_behaviour=result.package_behaviour,
            errors=tuple(sorted(errors, key=lambda e: (e.path or "", e.message))),
            files_analysed=len(modules),
            lines_analysed=sum(m.lines for m in modules),
            stats=stats,
        )


def _only_typescript(modules: Sequence[ModuleFacts]) -> bool:
    return bool(modules) and all(m.path.endswith(_TS_SUFFIXES) for m in modules)


def analyse_modules(modules: Sequence[ModuleFacts], hits: Sequence[SinkHit], root: str = "",
                    budgets: Budgets | None = None) -> FrontendResult:
    """Everything after parsing: program, call graph, tools, capabilities, package behaviour."""
    program = Program(modules, budgets)
    graph = build_graph(program, hits)
    scan = find_tools(program, graph)
    errors = [AnalysisError(STAGE, message, path) for path, message in scan.errors]
    decls, dropped = _dedupe(scan.tools, modules)
    if modules and not decls:
        errors.append(AnalysisError(
            STAGE, "no MCP tool declaration recognised in the JavaScript/TypeScript code (McpServer.tool/"
                   "registerTool, Server.setRequestHandler(ListToolsRequestSchema), fastmcp addTool, "
                   "mcp-framework MCPTool): tools declared another way, or in a dependency, are not reported"))
    tools: list[Tool] = []
    reached: set[str] = set()
    visited_by: dict[str, set[str]] = {}
    for decl in decls:
        program.focus, program.focus_tool = None, decl.name
        tool, visited = _tool(program, graph, decl)
        program.focus_tool = None
        visited_by[decl.name] = visited
        reached |= visited
        tools.append(tool)
        if decl.handler_error:
            errors.append(AnalysisError(STAGE, f"tool {decl.name!r}: {decl.handler_error}", decl.path))
    behaviour = _package_behaviour(program, graph, reached)
    errors.extend(budget_errors(program, visited_by))
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
    )


def budget_errors(program: Program, visited_by: dict[str, set[str]]) -> list[AnalysisError]:
    """The cuts budgets made, as errors[] entries; a cut inside a function is reported for every
    tool whose handler reaches that function (or once, for no tool, when none does)."""
    cuts = BudgetCuts()
    for (budget, what, fid, tool, path), times in program.cuts.cuts.items():
        tools = [tool] if tool is not None else sorted(n for n, seen in visited_by.items() if fid in seen)
        for name in tools or [None]:
            for _ in range(times):
                cuts.cut(budget, what, tool=name, path=path)
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


def _traverse(
    graph: CallGraph,
    starts: list[str],
    key: str | None,
    seeds: Sequence[tuple[str, str]] = (),
    program: Program | None = None,
) -> dict[str, str | None]:
    """BFS from the handler(s) over (function, receiver class) states; returns the predecessor map.

    A keyed dispatch group that names `key` is followed only for `key`. `seeds` are extra
    (function, caller) pairs known to run for this tool only (closure bindings). Calls through
    `this` follow only the method the current receiver class resolves to, when it is known.
    """
    pred: dict[str, str | None] = {}
    seen: set[tuple[str, str | None]] = set()
    queue: deque[tuple[str, str | None]] = deque()
    for s in starts:
        if s in graph.graph and (s, None) not in seen:
            pred.setdefault(s, None)
            seen.add((s, None))
            queue.append((s, None))
    for fid, caller in seeds:
        if fid in graph.graph and (fid, None) not in seen:
            pred.setdefault(fid, caller)
            seen.add((fid, None))
            queue.append((fid, None))
    g = graph.graph
    while queue:
        node, receiver = queue.popleft()
        out = sorted(g.out_edges(node, data=True), key=lambda e: e[1])
        groups: dict[str, set[str]] = {}
        for _, _, d in out:
            if "group" in d:
                groups.setdefault(str(d["group"]), set()).add(str(d["key"]))
        for _, nxt, d in out:
            if "group" in d and key is not None and key in groups[str(d["group"])] and d["key"] != key:
                continue
            if "method" in d:
                if receiver is not None and program is not None:
                    if program.method_of(receiver, str(d["method"])) != nxt:
                        continue
                state = (nxt, receiver)
            elif "receiver" in d:
                state = (nxt, str(d["receiver"]))
            elif d.get("kind") in ("nested", "branch"):
                state = (nxt, receiver)
            else:
                state = (nxt, None)
            if state in seen:
                continue
            seen.add(state)
            pred.setdefault(nxt, node)
            queue.append(state)
    return pred


def _path_to(pred: dict[str, str | None], fid: str) -> tuple[str, ...]:
    out = [fid]
    seen = {fid}
    cur = pred.get(fid)
    while cur is not None and cur not in seen:
        out.append(cur)
        seen.add(cur)
        cur = pred.get(cur)
    return tuple(reversed(out))


def _capabilities(graph: CallGraph, pred: dict[str, str | None]) -> tuple[Capability, ...]:
    found: dict[Kind, list[Evidence]] = {}
    for fid in pred:
        for hit in graph.hits.get(fid, []):
            ev = Evidence(Location(hit.path, hit.line), hit.sink, _path_to(pred, fid))
            found.setdefault(hit.kind, []).append(ev)
    caps = []
    for kind in sorted(found, key=lambda k: k.value):
        evs = sorted(set(found[kind]), key=lambda e: (len(e.call_path), e.location.path, e.location.line, e.sink))
        caps.append(Capability(kind, tuple(evs[:MAX_EVIDENCE])))
    return tuple(caps)


def _closure_calls(program: Program, decl: ToolDecl) -> list[tuple[str, str]]:
    """Calls in the handler (and functions nested in it) that resolve only under the parameter
    bindings of this registration, e.g. `def.run(args)` inside `TOOLS.forEach(def => server.tool(…))`."""
    if not decl.env:
        return []
    out: list[tuple[str, str]] = []
    stack = list(decl.handlers)
    seen: set[str] = set()
    while stack:
        fid = stack.pop()
        if fid in seen or fid not in program.functions:
            continue
        seen.add(fid)
        f = program.functions[fid]
        stack.extend(f.anon_children)
        stack.extend(b for b, _, _ in f.branches)
        for call in f.calls:
            plain = program.value(call.callee, EMPTY)
            if plain[0] == "fn":
                continue
            bound = program.value(call.callee, decl.env)
            if bound[0] in ("fn", "bound"):
                out.append((bound[1], fid))
    return sorted(set(out))


def _tool(program: Program, graph: CallGraph, decl: ToolDecl) -> tuple[Tool, set[str]]:
    pred = _traverse(graph, decl.handlers, decl.name, _closure_calls(program, decl), program) if decl.handlers else {}
    handler: HandlerRef | None = None
    if decl.handlers:
        shown = decl.handlers[0]
        if decl.style == "setRequestHandler":
            branch = [d for _, d, a in graph.graph.out_edges(shown, data=True) if a.get("key") == decl.name]
            if len(branch) == 1:
                shown = branch[0]
        f = program.functions[shown]
        handler = HandlerRef(Location(f.path, f.line), shown)
    unresolved = sorted({t for fid in pred for t in graph.unresolved.get(fid, [])})
    tool = Tool(
        name=decl.name,
        description=decl.description,
        input_schema=decl.input_schema,
        declared_at=Location(decl.path, decl.line),
        handler=handler,
        language=Language.TYPESCRIPT if decl.path.endswith(_TS_SUFFIXES) else Language.JAVASCRIPT,
        title=decl.title,
        annotations=decl.annotations,
        capabilities=_capabilities(graph, pred),
        description_source=decl.description_source,
        description_note=decl.description_note,
        unresolved_calls=tuple(unresolved),
    )
    return tool, set(pred)


def _package_behaviour(program: Program, graph: CallGraph, reached: set[str]) -> tuple[PackageBehaviour, ...]:
    roots = sorted(fid for fid, f in program.functions.items() if f.kind == "module")
    startup = _traverse(graph, roots, None, (), program)
    out: list[PackageBehaviour] = []
    for fid in sorted(graph.hits):
        if fid in reached:
            continue
        f = program.functions[fid]
        if f.kind == "module" or (f.kind == "branch" and _module_of(program, fid)):
            context, path = "module", (fid,)
        elif fid in startup:
            context, path = "startup", _path_to(startup, fid)
        else:
            context, path = "unattributed", (fid,)
        for hit in graph.hits[fid]:
            out.append(PackageBehaviour(hit.kind, Evidence(Location(hit.path, hit.line), hit.sink, path), context))
    out.sort(key=lambda b: (b.evidence.location.path, b.evidence.location.line, b.kind.value, b.evidence.sink))
    return tuple(out)


def _module_of(program: Program, fid: str) -> bool:
    cur: str | None = fid
    while cur is not None:
        f = program.functions[cur]
        if f.kind == "module":
            return True
        if f.kind != "branch":
            return False
        cur = f.parent
    return False


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
    source_root = doc.get("sourceRoot") if isinstance(doc.get("sourceRoot"), str) else ""
    return [posixpath.normpath(posixpath.join(base, source_root, s)) for s in doc["sources"] if isinstance(s, str)]
