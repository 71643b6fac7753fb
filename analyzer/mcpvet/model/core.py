"""Frozen domain values passed between the pipeline stages. No I/O here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from mcpvet.model.vocab import Ecosystem, FileRole, Kind, Language, Severity


@dataclass(frozen=True)
class Location:
    """A place in the analysed package: path relative to the package root (POSIX), 1-based line.

    `column` (1-based, 0 when not known; not in the JSON, no part of equality) tells apart the sink
    calls of one line (a minified bundle is one line): the keys that join a sink's facts (its data
    flow, destination, the tools reaching it) hold it, so that two calls of one line stay two sites."""

    path: str
    line: int
    column: int = field(default=0, compare=False)

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "line": max(1, int(self.line))}


# the stage of the errors[] entry saying that tools were listed but some registrations' tools could not be
# (their names are not known statically): the grade stands, the headline says the list may be incomplete
TOOL_LIST_STAGE = "tool-list"


@dataclass(frozen=True)
class AnalysisError:
    """A part that could not be analysed (contract: errors[])."""

    stage: str
    message: str
    path: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"stage": self.stage, "message": self.message}
        if self.path is not None:
            out["path"] = self.path
        return out


@dataclass(frozen=True)
class RefusedMember:
    """An archive member that unpacking refused (traversal, link, device, limit …); `reason` is one
    of the stable strings of `mcpvet.unpack.paths`."""

    path: str
    reason: str


@dataclass(frozen=True)
class Target:
    """What the user asked for, resolved: contract `target`."""

    spec: str
    ecosystem: Ecosystem
    name: str
    version: str | None = None
    artifact: str | None = None
    sha256: str | None = None


@dataclass(frozen=True)
class SourceFile:
    """One file of the unpacked package."""

    path: str  # relative to the package root, POSIX separators
    abspath: Path
    language: Language
    role: FileRole
    size: int


@dataclass(frozen=True)
class InstallHook:
    """Code that runs when the package is installed (npm lifecycle script, setup.py, .pth)."""

    kind: str  # e.g. "npm:postinstall", "setup.py", "pth"
    command: str  # the script text or command line, or a short description
    location: Location | None = None


@dataclass(frozen=True)
class EntryPoint:
    name: str
    target: str  # "module:function" (Python) or a relative file path (npm)
    kind: str  # "console_script", "bin", "main", "exports", "module"


DEPENDENCY_MODULES = "dependency_modules"  # SourceTree.manifest key (see there)


@dataclass(frozen=True)
class SourceTree:
    """The unpacked package on disk and what discovery learned about it."""

    root: Path
    files: tuple[SourceFile, ...]
    name: str
    version: str | None
    languages: tuple[Language, ...]
    entry_points: tuple[EntryPoint, ...] = ()
    install_hooks: tuple[InstallHook, ...] = ()
    manifest: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    # manifest: parsed package.json ("package_json"), pyproject ("pyproject"),
    # wheel/sdist METADATA ("metadata": dict of header -> list[str]); for the dependencies read with a
    # package (`mcpvet.depcode`), DEPENDENCY_MODULES: each bare specifier -> the file it names there.

    def files_of(
        self, *languages: Language, roles: tuple[FileRole, ...] = (FileRole.SOURCE, FileRole.VENDORED)
    ) -> list[SourceFile]:
        """Files of these languages that are part of the server's own code (source and vendored)."""
        return [f for f in self.files if f.language in languages and f.role in roles]


@dataclass(frozen=True)
class SinkHit:
    """One call of a sink API found in the source (from semgrep or a frontend's own table)."""

    path: str
    line: int
    end_line: int
    column: int
    kind: Kind
    sink: str  # the API reached, e.g. "urllib.request.urlopen", "child_process.execSync"
    rule: str  # semgrep rule id or "table:<name>"
    snippet: str = ""


@dataclass(frozen=True)
class Command:
    """A program a call starts, as the code writes it (issue 12; not in the JSON).

    `program`: the program's name (`rg`, `adb`: the base name of a constant, of a path whose last part
    is constant, or of a dependency's bundled binary such as `@vscode/ripgrep`'s `rgPath`); None when
    it is not identified. `words`: every argument the code can pass, in the order written (the items
    of a list built with `push`/`append` in any branch, so possibly more than one run passes), a part
    not known statically written `…` (a whole unknown word is `…`). `complete`: no other word can be
    passed (false when a list of unknown length is spread in or the list is not written in the code)."""

    program: str | None
    words: tuple[str, ...] = ()
    complete: bool = False


@dataclass(frozen=True)
class Evidence:
    """Proof of a capability: the sink call and the chain of functions from the handler to it."""

    location: Location
    sink: str
    call_path: tuple[str, ...]
    # the tool parameters whose values reach the sink's argument that matters (contract
    # `controlled_by`), and the sink's constant target where known (`destination`)
    controlled_by: tuple[str, ...] = ()
    destination: str | None = None
    # not in the JSON: what the argument is (a role of `mcpvet.analysis.flow.ROLES`) and the
    # parameters that make up its start (the whole command or path, the host of a URL)
    role: str | None = None
    lead: tuple[str, ...] = ()
    # what flows into ANY argument of the sink call (the body, headers or parameters of a request,
    # every argv element, what is written): tool parameters by name (`*`: the whole arguments object,
    # every parameter), and other data as
    # `env:NAME`, `env:?` (one variable whose name is computed), `env:*` (the whole environment's
    # values), `file` / `file:PATH` (what a file read returned), `pkgfile:PATH` (a file the package ships,
    # read next to its code: its own version or data, no local secret), `tmp:fresh` (the name of a temporary
    # file or folder the tool just created). None when the data-flow analysis did not see the call
    # (unknown, not "nothing"); `()` when it saw that nothing does. JSON `data_from` (an addition to the contract),
    # left out when it is empty and values the analysis could not follow reach the call (`data_opaque`,
    # JSON `data_unknown: true`): an empty list always means "nothing".
    data_from: tuple[str, ...] | None = None
    # JSON `data_unknown`: values the analysis could not follow reach the call (so `data_from` may be
    # incomplete), and the non-parameter data that makes up the slot (an `env:` URL: a configured host)
    data_opaque: bool = False
    slot_sources: tuple[str, ...] = ()
    # not in the JSON: a path that is one of a few places, every one known (`~/.app/log`, `/tmp/app/log`,
    # `$APP_DIR/log` where a setting chooses it) when no single destination is; a place inside the
    # installed package itself starts with `PACKAGE_PLACE` (`<package>/pkg/cache.json`)
    places: tuple[str, ...] = ()
    # not in the JSON: the request exchanges a credential at an identity provider's token endpoint
    # (an OAuth grant: `grant_type=refresh_token` posted to `…/oauth2/token`, an OAuth client's
    # `fetch_token`): authentication with the credential, not a copy of it sent away
    grant: bool = False
    # not in the JSON: the programs a process start runs and their arguments, as written (`Command`; one
    # per way the code writes the line: `which rg` or `where rg.exe`)
    commands: tuple[Command, ...] = ()
    # not in the JSON: the connection goes to this machine (a loopback host no value reaching it changes)
    loopback: bool = False
    # not in the JSON: a read whose answer is the file's contents (`analysis.flow.CONTENTS`) of a path not
    # known whole: "media" when every value choosing it is checked to name a picture, sound or video file
    # first (an extension allow-list, `analysis.filetypes`), "any" otherwise; None for any other call
    contents: str | None = None

    def to_json(self) -> dict[str, Any]:
        out = self.location.to_json()
        out["sink"] = self.sink
        out["call_path"] = list(self.call_path)
        out["controlled_by"] = list(self.controlled_by)
        if self.destination is not None:
            out["destination"] = self.destination
        if self.data_from is not None and (self.data_from or not self.data_opaque):
            out["data_from"] = list(self.data_from)
        if self.data_opaque:  # values the analysis could not follow reach the call: `data_from` is not all of it
            out["data_unknown"] = True
        return out


# the start of a place inside the installed package itself (a file next to its code, found from
# `__file__`): `<package>/pkg/taxonomy.json`
PACKAGE_PLACE = "<package>/"


def argument_source(item: str) -> bool:
    """A `data_from` item that is a tool parameter (by name; `*` for the whole arguments object),
    not other data (`env:`, `file`, `file:`, `pkgfile:`, `tmp:`)."""
    return ":" not in item and item != "file"


EXPOSURES = ("run any command", "run code", "run any SQL query", "write any file", "read any file", "reach any host")


@dataclass(frozen=True)
class Capability:
    kind: Kind
    evidence: tuple[Evidence, ...]
    hidden: int = 0  # evidence items of this kind not shown (the per-kind cap; a fact, not serialised)
    # those items themselves (not serialised): what the tool reaches beyond the cap still counts when
    # telling shared server work from the tool's own (facts/shared.py)
    more: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class HandlerRef:
    """The function that runs when a tool is called."""

    location: Location
    symbol: str  # qualified name, e.g. "quickcalc_mcp.server.add"
    end_line: int | None = None  # the last line of its code, when the frontend knows it (a fact, not serialised)


@dataclass(frozen=True)
class DeclaredCapability:
    """A kind the tool admits to, with the words or fields that justify it."""

    kind: Kind
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Tool:
    """One MCP tool: what it says (from the frontend) and what it does (from the call graph)."""

    name: str
    description: str | None
    input_schema: dict[str, Any] | None
    declared_at: Location
    handler: HandlerRef | None
    language: Language
    title: str | None = None
    annotations: dict[str, Any] | None = None
    capabilities: tuple[Capability, ...] = ()
    # how the description was obtained: "static" (exact), "dynamic" (only known at run time:
    # file, environment, network; description is then None), "partial" (some part unknown)
    description_source: str = "static"
    description_note: str | None = None
    unresolved_calls: tuple[str, ...] = ()  # calls reachable from the handler that could not be resolved
    reached_files: tuple[str, ...] = ()  # files whose code the handler runs (the call graph's reach; a fact)
    # filled by the behaviour stage
    declared_capabilities: tuple[DeclaredCapability, ...] = ()

    @property
    def destinations(self) -> tuple[str, ...]:
        """Every constant destination the tool's evidence names, deduplicated, in order."""
        seen: dict[str, None] = {}
        for c in self.capabilities:
            for e in c.evidence:
                if e.destination is not None:
                    seen.setdefault(e.destination, None)
        return tuple(seen)

    @property
    def exposure(self) -> tuple[str, ...]:
        """What the model can make the tool do, in words a user reads (contract `exposure`)."""
        found: set[str] = set()
        for c in self.capabilities:
            for e in c.evidence:
                if not e.controlled_by:
                    continue
                if e.role in ("shell", "program") and e.lead:
                    found.add("run any command")
                elif (e.role == "code" and e.lead) or e.role in ("deserialize", "template"):
                    found.add("run code")
                elif e.role == "path" and e.lead:
                    found.add("write any file" if c.kind is Kind.FS_WRITE else "read any file")
                elif e.role == "url":
                    found.add("reach any host")
                elif e.role == "sql" and e.lead and set(e.controlled_by) <= set(e.lead):
                    found.add("run any SQL query")  # the parameter is the whole statement
        return tuple(x for x in EXPOSURES if x in found)

    @property
    def capability_kinds(self) -> set[Kind]:
        return {c.kind for c in self.capabilities}

    @property
    def declared_kinds(self) -> set[Kind]:
        return {d.kind for d in self.declared_capabilities}

    @property
    def undeclared_kinds(self) -> set[Kind]:
        return self.capability_kinds - self.declared_kinds


@dataclass(frozen=True)
class PackageBehaviour:
    """Sink use outside every tool handler: module level and start-up code (contract start-up rule)."""

    kind: Kind
    evidence: Evidence
    context: str  # "module" (import time), "startup" (reached from an entry point / main), "unattributed"


class EnvShape(str, Enum):
    """How code reads the environment: which keys, and whether values leave with them."""

    NAMED = "named"  # constant keys: os.environ["HOME"], process.env.TOKEN, const { A } = process.env
    KNOWN = "known"  # keys computed from a constant set: for k in ("A", "B"): os.environ[k]
    COMPUTED = "computed"  # a key not known statically (os.getenv(name)), or an alias of the mapping
    NAMES = "names"  # names only, no value: "X" in os.environ, os.environ.keys(), Object.keys(process.env)
    # a key whose value is only tested, never kept: if os.getenv("X"), bool(...), == "1",
    # process.env.X === "file", !!process.env.X, os.environ.get(name) is not None (a named or known
    # key is kept in `keys`; no value leaves with them)
    TESTED = "tested"
    CHILD = "child"  # the whole environment handed to a child process (env=os.environ, env: {...process.env})
    WHOLE = "whole"  # every value: os.environ.copy(), dict(os.environ), {...process.env}, JSON.stringify(process.env)


@dataclass(frozen=True)
class EnvRead:
    """One read of the environment in the package's code, with its shape."""

    location: Location
    shape: EnvShape
    keys: tuple[str, ...] = ()  # the constant keys (NAMED, KNOWN)


RETURNED_MIN_LETTERS = 12  # a returned text with fewer letters says nothing to judge
HUGE_ALLOCATION = 10 ** 7  # items: a list of ten million is already 80 MB


@dataclass(frozen=True)
class Exhaustion:
    """A loop, recursion or allocation in code that can exhaust the machine."""

    line: int
    what: str  # "fork loop", "spawn loop", "thread loop", "allocation loop", "recursion", "allocation"
    detail: str  # the code, shortened
    param: str | None = None  # the parameter that sizes it, when a parameter does


@dataclass(frozen=True)
class CodeShapes:
    """What a frontend read in one tool's handler code (and the helpers and constants it uses):
    the constant text it returns, and the sites that can exhaust the machine. The facts stage
    hands them to the checks (`mcpvet.facts.ToolSource.returned` / `.exhaustion`)."""

    tool: str
    declared_at: Location
    returned: tuple[tuple[Location, str], ...] = ()  # where each constant text is written, the text
    exhaustion: tuple[tuple[str, Exhaustion], ...] = ()  # (path, site) in the handler's own code


@dataclass(frozen=True)
class FunctionShape:
    """What a frontend read in one function of a file (Python: `frontends.python.shapes`): the
    constant text it returns and the sites that can exhaust the machine. The facts stage matches
    them to tools by handler and call paths (`mcpvet.facts.ToolSource.returned` / `.exhaustion`)."""

    name: str
    line: int  # the `def` line
    end_line: int
    returns: tuple[tuple[int, str], ...] = ()  # (line, constant text) of each returned value
    returns_calls: tuple[str, ...] = ()  # names of functions whose result it returns
    exhaustion: tuple[Exhaustion, ...] = ()
    calls: tuple[str, ...] = ()  # names of every function or method it calls (for reach by name)
    path: str = ""  # the file it is defined in (relative POSIX path)
    # (line, what) of each returned value made of secrets: every value of the environment, the
    # variable a parameter names, a stored credential read under its key
    returns_secrets: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True)
class Handoff:
    """A third-party dependency the package's entry hands its server to (`module.exports =
    require("dep/lib/x").tools`): where its tools probably are when none is found in the package's
    own code. `specifiers` are the module specifiers imported (`dep/lib/x`), `importers` the entry
    modules importing them (relative paths)."""

    package: str
    specifiers: tuple[str, ...]
    importers: tuple[str, ...]
    from_bin: bool = False  # reached from a `bin` module (the program npm starts): loaded first


@dataclass(frozen=True)
class FrontendResult:
    """What one language frontend learned about the package."""

    language: Language
    tools: tuple[Tool, ...] = ()
    package_behaviour: tuple[PackageBehaviour, ...] = ()
    errors: tuple[AnalysisError, ...] = ()
    files_analysed: int = 0
    lines_analysed: int = 0
    env_reads: tuple[EnvRead, ...] = ()  # every read of the environment the frontend saw, by location
    shapes: tuple[CodeShapes, ...] = ()  # per tool: returned constant text, exhaustion sites (JS/TS)
    # every function of the files it parsed with its shape (returned text, exhaustion sites), by path and line
    functions: tuple[FunctionShape, ...] = ()
    # with no tool found in the package's own code: the dependencies its entry exports from
    handoffs: tuple[Handoff, ...] = ()
    # free-form figures for the scorecard / benchmarks (nodes, edges, unresolved totals …)
    stats: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


def named_tools(names: Sequence[str], shown: int = 4) -> str:
    """Tool names as a phrase for a finding's title: `a`, `b` and `c`, or the first `shown` and how many more."""
    quoted = [f"`{n}`" for n in names[:shown]]
    if len(names) > shown:
        return ", ".join(quoted) + f" and {len(names) - shown} more tools"
    return ", ".join(quoted[:-1]) + " and " + quoted[-1] if len(quoted) > 1 else quoted[0]


@dataclass(frozen=True)
class Finding:
    """A judgement with a stable rule id. `id` is assigned when the scorecard is assembled."""

    rule: str
    severity: Severity
    title: str
    message: str
    tool: str | None = None
    location: Location | None = None
    evidence: tuple[Evidence, ...] = ()
    # every tool a root-cause finding reaches (one finding per cause); `tool` is then the first
    tools: tuple[str, ...] = ()

    def to_json(self, finding_id: str) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": finding_id,
            "rule": self.rule,
            "severity": self.severity.value,
            "title": self.title,
            "message": self.message,
            "tool": self.tool,
        }
        if self.location is not None:
            out["location"] = self.location.to_json()
        if self.evidence:
            out["evidence"] = [e.to_json() for e in self.evidence]
        if self.tools:
            out["tools"] = list(self.tools)
        return out


@dataclass(frozen=True)
class CheckResult:
    """One scored check. score None = inconclusive: shown, never averaged, never a pass."""

    id: str
    score: float | None
    risk: Severity
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "score": self.score, "risk": self.risk.value, "reason": self.reason}
