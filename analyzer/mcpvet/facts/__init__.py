"""Facts about the package's files that the checks judge, gathered once before any check runs.

The frontends give tools, capabilities with evidence and package behaviour. What the checks need
beyond that comes from the unpacked files, and is read here, never by a check
(`analyzer/mcpvet/checks` reads no file and parses no source):

* `scans` — each code file scanned in a killable worker: obfuscation signs, credential paths in
  string literals (`mcpvet.facts.scan`);
* per tool (`tools`, in the order of `Facts.tools`): the lines that belong to the tool (its
  handler and the code around every sink it reaches), the obfuscated files it reaches, the
  credential paths named around its file and environment reads, its environment reads with
  their shapes (from the frontends' `FrontendResult.env_reads`), the constant text its handler
  returns and the exhaustion sites of its code (from the frontends' `FrontendResult.functions`);
* shared server work (`shared`): sink sites most tools reach through the same code (a config
  loader, an OAuth token cache, a logger), judged once for the package (`mcpvet.facts.shared`);
* per install hook (`hooks`): the files an npm lifecycle script runs and what they do, what a
  `setup.py` does (parsed, never run), the `import` lines of a `.pth` file.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from mcpvet.behaviour import hostile, sensitive
from mcpvet.behaviour.installcode import CodeBehaviour, SetupPyBehaviour, is_benign_build, script_behaviour, setup_py_behaviour
from mcpvet.facts import jstables
from mcpvet.facts.rugpull import ChangeFact, tool_changes
from mcpvet.facts.scan import FileScan, path_literals_only, scan_files
from mcpvet.facts.selftext import documented_settings, package_texts
from mcpvet.facts.shared import SharedWork, shared_work
from mcpvet.facts.source import code_files, handler_region, imported_by_package, read_lines, read_text, symbol_files, tool_files
from mcpvet.model import (
    AnalysisError,
    CodeShapes,
    EnvRead,
    EnvShape,
    Exhaustion,
    FileRole,
    FrontendResult,
    FunctionShape,
    InstallHook,
    Kind,
    Location,
    RefusedMember,
    SourceFile,
    SourceTree,
    Target,
    Tool,
)
from mcpvet.options import AnalysisLimits

NEAR = 15  # lines around a sink call that count as "near" it
_FileIndex = tuple[sensitive.SensitiveIndex, list[int], int]  # the search index, line offsets, text size


@dataclass(frozen=True)
class TargetFact:
    """A hostile target a tool reaches: a sink's constant destination, or a string literal in the
    tool's handler or right next to one of its sinks."""

    target: hostile.HostileTarget
    location: Location
    sink: str | None = None  # the sink whose destination it is; None: a literal next to the tool's code
    kind: Kind | None = None  # that sink's capability kind
    near: frozenset[Kind] = frozenset()  # a literal: the kinds of the tool's sinks within TARGET_NEAR lines


@dataclass(frozen=True)
class ReturnedText:
    """Constant text a tool's handler returns (or a function whose result it returns)."""

    location: Location
    text: str


@dataclass(frozen=True)
class ExhaustionFact:
    """A loop, recursion or allocation in a tool's code that can exhaust the machine."""

    location: Location
    site: Exhaustion
    in_handler: bool  # in the handler itself (its parameters are the tool's)


@dataclass(frozen=True)
class ToolSource:
    """What the files say about one tool."""

    window: Mapping[str, frozenset[int]] = field(default_factory=dict)  # file -> lines of the tool's code
    obfuscated: tuple[str, ...] = ()  # obfuscated files the tool reaches
    credential_paths: tuple[str, ...] = ()  # strong credential paths named near its file / env reads
    env_reads: tuple[EnvRead, ...] = ()  # the environment reads at its `env` evidence, with their shapes
    targets: tuple[TargetFact, ...] = ()  # hostile targets it reaches (`mcpvet.behaviour.hostile`)
    returned: tuple[ReturnedText, ...] = ()  # constant text its handler returns
    exhaustion: tuple[ExhaustionFact, ...] = ()  # unbounded loops, recursion, allocation in its code
    changes: tuple[ChangeFact, ...] = ()  # its description (or the tool list) changed after registration
    returned_secrets: tuple[ReturnedText, ...] = ()  # secrets its handler returns (text: which)

    @property
    def env_keys(self) -> tuple[str, ...]:
        """The constant keys it reads (named, or from a known set), sorted."""
        return tuple(sorted({k for r in self.env_reads for k in r.keys if not k.endswith("*")}))

    @property
    def valued_keys(self) -> tuple[str, ...]:
        """The constant keys whose value it keeps (not only tested: `EnvShape.TESTED` left out), sorted."""
        return tuple(sorted({k for r in self.env_reads if r.shape is not EnvShape.TESTED
                             for k in r.keys if not k.endswith("*")}))


@dataclass(frozen=True)
class HookFacts:
    """What an install hook runs, read from the package's files."""

    hook: InstallHook
    scripts_read: tuple[str, ...] = ()  # npm: package files the command runs, that could be read
    behaviour: CodeBehaviour | None = None  # npm: what the command and those files do
    benign_build: bool = False  # npm: the command only runs well-known build tools
    pipes_to_shell: bool = False  # npm: `curl … | sh`
    setup: SetupPyBehaviour | None = None  # setup.py: what it does beyond calling setup()
    setup_error: str | None = None  # setup.py: why it could not be reviewed ("not read" or the parse error)
    pth_imports: tuple[str, ...] = ()  # .pth: lines Python runs at every start


@dataclass(frozen=True)
class SourceFacts:
    files: tuple[SourceFile, ...] = ()  # the code files scanned (node_modules and tests left out)
    scans: Mapping[str, FileScan] = field(default_factory=dict)  # path -> scan (read or not)
    tools: tuple[ToolSource, ...] = ()  # aligned with Facts.tools
    hooks: tuple[HookFacts, ...] = ()  # in the order of SourceTree.install_hooks
    used_vendored: frozenset[str] = frozenset()  # obfuscated vendored files another file imports
    errors: tuple[AnalysisError, ...] = ()  # files that could not be scanned
    shared: SharedWork = field(default_factory=SharedWork)  # sink sites most tools reach (server work)
    # what the package says about itself: (descriptions, titles) of its manifest, server.json, README
    package_texts: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
    # the settings its README documents for an address (`LARK_DOMAIN`: `selftext.documented_settings`)
    package_settings: tuple[str, ...] = ()

    @property
    def read(self) -> dict[str, FileScan]:
        """The scans of files that could be read."""
        return {path: scan for path, scan in self.scans.items() if scan.read}

    @property
    def hosts(self) -> frozenset[str]:
        """The hosts of the URLs the package's code writes in string literals (its services' hosts, mostly)."""
        return frozenset(h for scan in self.scans.values() for h in scan.hosts)

    def of(self, index: int) -> ToolSource:
        return self.tools[index] if index < len(self.tools) else ToolSource()


@dataclass(frozen=True)
class Facts:
    """Everything the stages before the checks learned. Checks read this and nothing else
    (`mcpvet.checks.interface` re-exports it)."""

    target: Target
    tree: SourceTree | None
    tools: tuple[Tool, ...]
    frontends: tuple[FrontendResult, ...]
    refused_members: tuple[RefusedMember, ...] = ()
    provenance: Any = None  # mcpvet.provenance.Provenance | None
    errors: tuple[AnalysisError, ...] = ()
    # what the package's files say (scans, per-tool code windows, install-hook code): gathered by
    # `mcpvet.facts.gather` before the checks run; None when nobody gathered it
    source: SourceFacts | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)



def gather(facts: Facts, limits: AnalysisLimits | None = None) -> Facts:
    """`facts` with `source` filled in from its tree (and nothing read when there is no tree)."""
    return replace(facts, source=source_facts(facts.tree, facts.tools, limits or AnalysisLimits(), facts.frontends))


def source_facts(tree: SourceTree | None, tools: tuple[Tool, ...], limits: AnalysisLimits,
                 frontends: tuple[FrontendResult, ...] = ()) -> SourceFacts:
    env_index = env_read_index(frontends)
    if tree is None:
        return SourceFacts(tools=tuple(ToolSource(env_reads=tool_env_reads(t, env_index)) for t in tools),
                           shared=shared_work(tools))
    files = tuple(f for f in code_files(tree) if f.role not in (FileRole.NODE_MODULES, FileRole.TEST))
    scans, errors = scan_files(list(files), limits) if files else ({}, [])
    obfuscated = {f.path for f in files if scans[f.path].read and scans[f.path].signs}
    indexes: dict[str, _FileIndex | None] = {}  # each file searched once for all the tools of this tree
    shapes = _shape_index(frontends)  # each file's function shapes (from the frontends) indexed once for all the tools
    code_shapes = {(s.tool, s.declared_at): s for fr in frontends for s in fr.shapes}  # JS/TS, from the IR
    tables: dict[str, _Tables] = {}  # each JS/TS file's module tables of constant text, read once
    per_tool = tuple(_tool_source(t, tree, tools, obfuscated, env_index, indexes, scans, shapes, code_shapes, tables)
                     for t in tools)
    changes = tool_changes(tools, scans, _handler_spans(tools, tree), (f for fr in frontends for f in fr.functions))
    per_tool = tuple(replace(ts, changes=ch) if ch else ts for ts, ch in zip(per_tool, changes, strict=True))
    used = frozenset(f.path for f in files if f.path in obfuscated and f.role is FileRole.VENDORED
                     and imported_by_package(f.path, tree))
    hooks = tuple(hook_facts(h, tree) for h in tree.install_hooks)
    return SourceFacts(files, scans, per_tool, hooks, used, tuple(errors), shared_work(tools), package_texts(tree),
                       documented_settings(tree))


def _tool_source(tool: Tool, tree: SourceTree, siblings: tuple[Tool, ...], obfuscated: set[str],
                 env_index: Mapping[tuple[str, int], tuple[EnvRead, ...]],
                 indexes: dict[str, _FileIndex | None], scans: Mapping[str, FileScan] | None = None,
                 shapes: Mapping[str, _Shapes] | None = None,
                 code_shapes: Mapping[tuple[str, Location], CodeShapes] | None = None,
                 table_cache: dict[str, _Tables] | None = None) -> ToolSource:
    scans = scans or {}
    region = handler_region(tool, tree, siblings) if tool.handler is not None else ""
    returned, exhaustion = _code_shapes(tool, shapes or {}, (code_shapes or {}).get((tool.name, tool.declared_at)))
    if region and tool.handler is not None and not tool.handler.location.path.endswith(".py"):
        returned += _table_texts(tool.handler.location.path, region, tree, table_cache if table_cache is not None else {})
    return ToolSource(
        window=_window(tool, tree, siblings),
        obfuscated=tuple(sorted(_reached(tool, tree) & obfuscated)) if obfuscated else (),
        credential_paths=_credential_paths(tool, tree, indexes),  # around file and environment reads
        env_reads=tool_env_reads(tool, env_index),
        targets=_targets(tool, region, scans),
        returned=returned,
        exhaustion=exhaustion,
        returned_secrets=_returned_secrets(tool, shapes or {}),
    )


def _returned_secrets(tool: Tool, shapes: Mapping[str, _Shapes]) -> tuple[ReturnedText, ...]:
    """Secrets the tool's Python handler returns (or a function whose result it returns)."""
    if tool.handler is None or not tool.handler.location.path.endswith(".py"):
        return ()
    path = tool.handler.location.path
    index = _shapes(path, shapes)
    handler = index.at(tool.handler.location.line) if index is not None else None
    if handler is None or index is None:
        return ()
    out = [ReturnedText(Location(path, ln), what) for ln, what in handler.returns_secrets]
    for name in handler.returns_calls:
        for helper in index.by_name.get(name, [])[:1]:
            if helper is not handler:
                # a helper's parameters are not the tool's: what a parameter names is left out there
                out.extend(ReturnedText(Location(path, ln), what) for ln, what in helper.returns_secrets
                           if "parameter" not in what)
    return tuple(dict.fromkeys(out))


def _handler_spans(tools: tuple[Tool, ...], tree: SourceTree) -> dict[int, tuple[str, int, int]]:
    """tool index -> (path, first line, last line) of its JS/TS handler's code."""
    out: dict[int, tuple[str, int, int]] = {}
    for i, t in enumerate(tools):
        if t.handler is None or t.handler.location.path.endswith(".py"):
            continue
        region = handler_region(t, tree, tools)
        if region:
            start = t.handler.location.line
            out[i] = (t.handler.location.path, start, start + region.count("\n"))
    return out


_Tables = dict[str, tuple[tuple[int, str], ...]]


def _table_texts(path: str, region: str, tree: SourceTree, cache: dict[str, _Tables]) -> tuple[ReturnedText, ...]:
    """Entries of the module tables of constant text a JS/TS handler looks up (`DOCS[id]`)."""
    if path not in cache:
        text = read_text(tree, path)
        cache[path] = jstables.module_tables(text) if text is not None else {}
    if not cache[path]:
        return ()
    return tuple(ReturnedText(Location(path, ln), t) for ln, t in jstables.indexed_tables(region, cache[path]))


TARGET_NEAR = 3  # lines around a sink call whose literals count as its target


def _targets(tool: Tool, region: str, scans: Mapping[str, FileScan]) -> tuple[TargetFact, ...]:
    """Hostile targets of the tool: in its sinks' destinations, and in string literals of its
    handler or within `TARGET_NEAR` lines of one of its sinks."""
    found: dict[tuple[str, str, int], TargetFact] = {}
    lines: dict[str, set[int]] = {}
    near: dict[tuple[str, int], set[Kind]] = {}
    for cap in tool.capabilities:
        for ev in cap.evidence:
            for ln in range(max(1, ev.location.line - TARGET_NEAR), ev.location.line + TARGET_NEAR + 1):
                near.setdefault((ev.location.path, ln), set()).add(cap.kind)
                lines.setdefault(ev.location.path, set()).add(ln)
            if ev.destination is None:
                continue
            for t in hostile.find(ev.destination):
                found.setdefault((t.category, ev.location.path, ev.location.line),
                                 TargetFact(t, ev.location, ev.sink, cap.kind))
    if tool.handler is not None and region:
        start = tool.handler.location.line
        lines.setdefault(tool.handler.location.path, set()).update(range(start, start + region.count("\n") + 1))
    for path, wanted in lines.items():
        scan = scans.get(path)
        if scan is None:
            continue
        for line, t in scan.targets:
            if line in wanted:
                found.setdefault((t.category, path, line),
                                 TargetFact(t, Location(path, line), near=frozenset(near.get((path, line), ()))))
    return tuple(found[k] for k in sorted(found, key=lambda k: (k[1], k[2], k[0])))


class _Shapes:
    """The function shapes of one Python file, indexed once per gather (by `def` line, by name)."""

    def __init__(self, shapes: tuple[FunctionShape, ...]) -> None:
        self.by_line = {f.line: f for f in shapes}
        self.by_name: dict[str, list[FunctionShape]] = {}
        for f in shapes:
            self.by_name.setdefault(f.name, []).append(f)
        self.spans = sorted((f.line, f.end_line, i) for i, f in enumerate(shapes))
        self.shapes = shapes

    def at(self, line: int) -> FunctionShape | None:
        """The function defined on this line, else the innermost one whose code holds it."""
        if line in self.by_line:
            return self.by_line[line]
        i = bisect.bisect_right(self.spans, (line, 1 << 30, 1 << 30))
        for start, end, k in reversed(self.spans[max(0, i - 50):i]):
            if start <= line <= end:
                return self.shapes[k]
        return None


def _shape_index(frontends: tuple[FrontendResult, ...]) -> dict[str, _Shapes]:
    """path -> the shapes of the functions of that Python file, as the frontends read them."""
    by_path: dict[str, list[FunctionShape]] = {}
    for fr in frontends:
        for f in fr.functions:
            by_path.setdefault(f.path, []).append(f)
    return {path: _Shapes(tuple(found)) for path, found in by_path.items()}


def _shapes(path: str, index: Mapping[str, _Shapes]) -> _Shapes | None:
    return index.get(path) if path.endswith(".py") else None


MAX_REACHED_NAMES = 200  # functions followed by name from one handler


def _code_shapes(tool: Tool, shapes: Mapping[str, _Shapes],
                 code: CodeShapes | None = None) -> tuple[tuple[ReturnedText, ...], tuple[ExhaustionFact, ...]]:
    """The constant text the tool's handler returns, and the exhaustion sites of its code: Python
    from the frontend's function shapes, JavaScript/TypeScript from what the frontend read (`code`)."""
    if tool.handler is None:
        return (), ()
    path, line = tool.handler.location.path, tool.handler.location.line
    returned: list[ReturnedText] = []
    sites: dict[tuple[str, int, str], ExhaustionFact] = {}
    if path.endswith(".py"):
        index = _shapes(path, shapes)
        handler = index.at(line) if index is not None else None
        if handler is not None and index is not None:
            returned.extend(ReturnedText(Location(path, ln), text) for ln, text in handler.returns)
            for name in handler.returns_calls:
                for helper in index.by_name.get(name, [])[:1]:
                    if helper is not handler:
                        returned.extend(ReturnedText(Location(path, ln), text) for ln, text in helper.returns)
            for ex in handler.exhaustion:
                sites.setdefault((path, ex.line, ex.what), ExhaustionFact(Location(path, ex.line), ex, True))
        for fpath, fn in _reached_functions(tool, handler, shapes):
            if fn is handler:
                continue
            for ex in fn.exhaustion:
                sites.setdefault((fpath, ex.line, ex.what), ExhaustionFact(Location(fpath, ex.line), ex, False))
    elif code is not None:
        returned.extend(ReturnedText(at, text) for at, text in code.returned)
        for fpath, ex in code.exhaustion:
            sites.setdefault((fpath, ex.line, ex.what), ExhaustionFact(Location(fpath, ex.line), ex, True))
    return tuple(dict.fromkeys(returned)), tuple(sites[k] for k in sorted(sites))


def _reached_functions(tool: Tool, handler: FunctionShape | None,
                       shapes: Mapping[str, _Shapes]) -> list[tuple[str, FunctionShape]]:
    """Python functions the tool's code reaches: those on the call paths of its evidence, and those
    its handler calls by name (three calls deep), in the files of its reach."""
    paths = set(tool.reached_files) | {e.location.path for c in tool.capabilities for e in c.evidence}
    if tool.handler is not None:
        paths.add(tool.handler.location.path)
    indexes = [(p, ix) for p in sorted(paths) if (ix := _shapes(p, shapes)) is not None]

    def named(name: str) -> list[tuple[str, FunctionShape]]:
        return [(p, f) for p, ix in indexes for f in ix.by_name.get(name, ())]

    names = {sym.rsplit(".", 1)[-1] for c in tool.capabilities for e in c.evidence for sym in e.call_path}
    frontier = set(handler.calls) if handler is not None else set()
    for _ in range(3):
        if not frontier or len(names) > MAX_REACHED_NAMES:
            break
        names |= frontier
        frontier = {c for n in frontier for _, f in named(n) for c in f.calls} - names
    return [(p, f) for n in sorted(names) for p, f in named(n) if f.exhaustion]


def _reached(tool: Tool, tree: SourceTree) -> set[str]:
    """Files the tool's code reaches: the frontend's reach (`Tool.reached_files`), the files of its
    evidence and call paths, and the files its unresolved calls name (`helpers.decode` → helpers.py)."""
    return set(tool.reached_files) | tool_files(tool, tree) | symbol_files(tool.unresolved_calls, tree)


def env_read_index(frontends: tuple[FrontendResult, ...]) -> dict[tuple[str, int], tuple[EnvRead, ...]]:
    """(path, line) -> the environment reads the frontends saw there."""
    out: dict[tuple[str, int], list[EnvRead]] = {}
    for fr in frontends:
        for r in fr.env_reads:
            out.setdefault((r.location.path, r.location.line), []).append(r)
    return {k: tuple(v) for k, v in out.items()}


def tool_env_reads(tool: Tool, index: Mapping[tuple[str, int], tuple[EnvRead, ...]]) -> tuple[EnvRead, ...]:
    """The environment reads at the tool's `env` evidence (every item, not only those a finding shows)."""
    at = sorted({(e.location.path, e.location.line) for c in tool.capabilities if c.kind is Kind.ENV for e in c.evidence})
    return tuple(r for key in at for r in index.get(key, ()))


def _window(tool: Tool, tree: SourceTree, siblings: tuple[Tool, ...]) -> dict[str, frozenset[int]]:
    """Lines per file that belong to the tool: its handler and the code around every sink it reaches."""
    lines: dict[str, set[int]] = {}
    if tool.handler is not None:
        region = handler_region(tool, tree, siblings)
        start = tool.handler.location.line
        lines.setdefault(tool.handler.location.path, set()).update(range(start, start + region.count("\n") + 1))
    for cap in tool.capabilities:
        for ev in cap.evidence:
            lo = max(1, ev.location.line - NEAR)
            lines.setdefault(ev.location.path, set()).update(range(lo, ev.location.line + NEAR + 1))
    return {path: frozenset(found) for path, found in lines.items()}


MAX_EVIDENCE = 10  # the evidence items of one kind looked at, as many as a finding shows


def _evidence_at(tool: Tool, *kinds: Kind) -> list[tuple[str, int]]:
    """(path, line) of the tool's first `MAX_EVIDENCE` evidence items of these kinds, in the order
    a finding lists them."""
    uniq = sorted({(e.location.path, e.location.line, e.sink, e.call_path)
                   for c in tool.capabilities if c.kind in kinds for e in c.evidence})
    return [(path, line) for path, line, _, _ in uniq[:MAX_EVIDENCE]]


def _credential_paths(tool: Tool, tree: SourceTree, indexes: dict[str, _FileIndex | None]) -> tuple[str, ...]:
    """Strong credential paths named in the code around the tool's file and environment reads
    (lines -15 … +15): each file's text is searched once (`SensitiveIndex`)."""
    found: set[str] = set()
    for path, line in _evidence_at(tool, Kind.FS_READ, Kind.ENV):
        index = _index(tree, path, indexes)
        if index is None:
            continue
        idx, offsets, size = index
        span = range(len(offsets))[max(0, line - NEAR - 1): line + NEAR]
        if not span:
            continue
        end = offsets[span.stop] - 1 if span.stop < len(offsets) else size
        found.update(h.text for h in idx.find(offsets[span.start], end) if h.strong)
    return tuple(sorted(found))


def _index(tree: SourceTree, path: str, indexes: dict[str, _FileIndex | None]) -> _FileIndex | None:
    if path not in indexes:
        lines = read_lines(tree, path)
        if lines is None:
            indexes[path] = None
        else:
            offsets, pos = [], 0
            for ln in lines:
                offsets.append(pos)
                pos += len(ln) + 1
            # only path-like string literals count: a credential file named in a comment or in a
            # message near a read is not what the read reads
            text = path_literals_only(path, "\n".join(lines))
            indexes[path] = (sensitive.SensitiveIndex(text), offsets, max(0, pos - 1))
    return indexes[path]


_CURL_PIPE_SH = re.compile(r"\b(?:curl|wget)\b.*\|\s*(?:ba)?sh")
_PTH_IMPORT = re.compile(r"\s*import[\s\t]")


def hook_facts(hook: InstallHook, tree: SourceTree) -> HookFacts:
    # a local import: discover imports the behaviour tables, which import the model, like this module
    from mcpvet.discover import script_files

    if hook.kind.startswith("npm:"):
        command = hook.command.strip()
        if is_benign_build(command):
            return HookFacts(hook, benign_build=True)
        texts, read = [command], []
        for rel in script_files(command):
            text = read_text(tree, rel)
            if text is not None:
                texts.append(text)
                read.append(rel)
        return HookFacts(hook, tuple(read), script_behaviour("\n".join(texts)),
                         pipes_to_shell=bool(_CURL_PIPE_SH.search(command)))
    if hook.kind == "setup.py":
        path = hook.location.path if hook.location else "setup.py"
        source = read_text(tree, path)
        if source is None:
            return HookFacts(hook, setup_error="not read")
        try:
            return HookFacts(hook, setup=setup_py_behaviour(source))
        except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
            return HookFacts(hook, setup_error=f"{type(exc).__name__}: {exc}")
    if hook.kind == "pth":
        lines = [ln for ln in hook.command.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
        return HookFacts(hook, pth_imports=tuple(ln for ln in lines if _PTH_IMPORT.match(ln)))
    return HookFacts(hook)
