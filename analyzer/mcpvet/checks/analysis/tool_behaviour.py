"""Check `tool-behaviour` (risk critical): does each tool do only what its name, description and schema say?

What: compares the capabilities the call graph found for each tool's handler (network, fs_read,
fs_write, process, code_exec, env) with the kinds its text admits to (`mcpvet.behaviour`). Each
tool is judged on its own work: sinks most tools reach through the same helper (a configuration
loader, an OAuth token cache, a logger: shared server work, `mcpvet.facts.shared`) are reported
once by `package-code` (`startup-behaviour`), not as each tool's undeclared capability or
annotation mismatch; `exfiltration-path` still looks at everything a tool reaches.

Rules:
- `undeclared-capability` — a tool can do something its name, description and schema do not
  admit to (high for network, process, code_exec, fs_write; medium for fs_read, env; one step
  lower when the description is only known at run time; low for file writes that only create
  folders). A text admits to the network when it names, as a place or platform, the service the
  package is named after ("known on Dynatrace", "the Dynatrace platform"; never a word it also
  writes in lower case, nor the package's name alone) or a named AI or API it uses ("using Davis
  CoPilot AI"). Severity from data flow: when no tool argument, secret or file content reaches any
  of its sinks and each goes to a constant destination (a constant `pip list`, a constant time
  server), low for network and file writes, medium for a program (its output reaches the model).
  A network call whose every destination is the service the tool's text names is low (medium when
  some host is set in the server's environment; the package's name does not count): named by the
  host's registered name (`papers.ssrn.com` for "SSRN") or by the name it is mounted under on a
  shared host (`www.ebi.ac.uk/ols4/…` for "OLS"); a request that receives nothing of the tool's to
  a URL found at run time (a link on that service's page) follows it. The package's own service
  by its own names (`_own_service`: the words of its package name, the proper names of its
  description, server.json and README title, their initials, "HA" for Home Assistant, and the
  prefixes of its settings that abbreviate them, `DT_` for Dynatrace): a tool whose text names it
  ("no HA restart", "Execute a Davis Analyzer", "the Feishu/Lark Open Platform") talks about that
  service, so its calls to the service's configured base URL are low (medium when the data-flow
  analysis did not see a call): a host set by a setting that holds the service's address
  (`LARK_DOMAIN`, `DT_ENVIRONMENT`, `HA_URL`), its client class by name (`HomeAssistantClient`), an
  address no tool argument chooses in a package with such a setting (its README documents it, a
  tool reads it) when no file on the call's path writes a constant IP address or another constant
  host, or a host registered under one of those names. A constant host of another name (telemetry,
  a third party), a constant IP address, and any call carrying another tool's credential file
  (`~/.ssh/id_ed25519`, `~/.aws/credentials`) keep the kind's severity. File writes
  whose every path comes from the tool's own file parameters (`filename`), or that receive nothing
  of the tool's and go to a file set where the server runs (a log stream, `env:LOG_FILE`), are medium.
  File writes and reads whose every constant path lies in the package's own folder (a folder of
  home, cache, data or temporary space named after the package or its vendor: `~/.cache/mastra`,
  platformdirs' data folder of the package, `/tmp/<package>`) or inside the installed package
  itself (a file next to its code found from `__file__` or `__dirname`, a session database under its
  folder, a binary a dependency bundles such as `@vscode/ripgrep`'s `rgPath`;
  a statement run through a handle of a database every connection of the package opens there
  counts too), with no tool argument choosing the path, are its cache, log or state: low. A
  database opened in memory (`sqlite3.connect(":memory:")`) is no file at all. A constant write into a shell profile, `~/.ssh`, a
  crontab or an MCP client's configuration keeps the kind's severity. The tool's stated job: a tool
  that says it runs code writing only into the temporary space at paths no argument chooses (the
  file holding the code it runs) is low; an import of a module named by the server's settings alone
  (a `module:Class` plug-in) is low, one a tool argument names stays high; a tool that says it
  changes something ("Add footnote …") and writes only the file its file parameter names admits
  that write, and one that says it builds a project or installs packages admits running a program.
- `exfiltration-path` — secrets (the whole environment, a secret-looking variable) or file
  contents reach a network call: critical when a tool argument chooses the host or the host is a
  constant the tool's text never names, high when the host is not known statically or is the named
  service receiving the whole environment or a file; nothing for a service's own credential sent
  to it, or to another host of its provider (the registrable domain of a host the package writes
  in its code and its name or the credential's variable names: NotebookLM's cookies rotated
  at `accounts.google.com`; not a credential of another well-known service, not a site of a shared
  host such as `github.io`), a host configured from the environment, or an OAuth grant (a refresh
  token or client secret exchanged at a token endpoint: `grant_type` in the request's function, an
  OAuth client's `fetch_token`) at the identity provider the package signs in with (a host not
  known statically, or a constant registered domain that is no request-capture service); a
  provider's SDK (`googleapiclient`) is the service of a tool whose text names that provider; a
  tool that says it uploads, attaches or sends files ("Upload a file for use in markdown", "file:
  Local file upload" of a tool adding sources to a notebook) sending
  the file its arguments name to a host not known statically (the API it is set up with) does its
  stated job.
  Without such a flow, one tool that both
  reaches the network and reads the whole environment, a credential file, credentials of a
  service its text never names (`AWS_SECRET_ACCESS_KEY` in a fetch tool), or (admitting to
  neither) a secret-looking variable: critical when the flow is unknown, medium when the
  data-flow analysis saw every network call and no secret reaches one. A variable whose value is
  only tested (`if os.getenv("TOKEN")`, `process.env.X === "file"`) and names only (`"X" in
  os.environ`, `[k for k, v in os.environ.items() if not v]`) send nothing and do not count, nor
  does a credential file of a service the tool names and calls (`~/.aws` read for boto3).
- `annotation-mismatch` — the MCP annotations contradict the code: `readOnlyHint: true` with file
  writes or processes (high when the text does not admit them either; low for admitted file
  writes, writes that only create folders or only append to the server's log, info for an admitted program such as git;
  medium for an unadmitted program that no tool argument chooses, every run seen; nothing when every
  program it starts is known (by name, a path ending in it, or a dependency's bundled binary such as
  `@vscode/ripgrep`'s `rgPath`), every word the code can pass it is seen and it only reads: `rg`
  given no `--pre` (a pattern or folder not known statically is data it reads), `git log`/`status`/
  `diff` with no `--output`, `find` without `-exec`/`-delete`/`-fprint`, `grep`, `ls`, `adb … shell
  getprop` or `pm list` written whole, go-ios `list`/`info`/`apps --list`, `xcrun simctl list`, a
  program asked for its `--version` or `--print-prefix`; a program a setting names stays unknown),
  `openWorldHint: false` with network
  (medium), `destructiveHint: false` with file deletion (medium; info when the text admits to
  writing files, e.g. the temp file of an atomic save).
- `toxic-flow` (package level) — one tool reads private data and another can send data out: a
  model can be steered into chaining them (high when either side is undeclared, low when both
  are admitted). Private data: a file the model chooses (a parameter reaches the path), a
  credential file, or, in a tool that calls no service itself, the whole environment, a computed
  key or a secret's value; the server's own configuration, cache or packaged files at fixed
  paths and settings read by name are not.

Why: clients show users the description, not the code; a capability the description hides is
how a calculator turns into an exfiltration channel.

How to fix: describe what the tool really does (name the network service, the files, the
program it runs), drop the hidden behaviour, or set annotations that match the code.
Inconclusive (no score) when no tool or no tool handler was found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mcpvet.behaviour import declared_capabilities, tool_denials, tool_texts
from mcpvet.behaviour.commands import on_a_started_process, only_read_only_programs
from mcpvet.behaviour.declared import annotation, explain
from mcpvet.behaviour.text import split_identifier
from mcpvet.checks.analysis._common import by_cause, foreign_paths, package_name, score_from, sort_findings
from mcpvet.checks.analysis._flow_severity import (
    calls_named_services,
    carries_arguments,
    constant_destination,
    describe,
    flow_unknown,
    host_of,
    leaks,
    only_server_own_writes,
    undeclared_severity,
)
from mcpvet.checks.analysis._own_folder import creates_temp, only_own_folder, scratch
from mcpvet.checks.analysis._own_service import OwnService, package_service
from mcpvet.checks.interface import CheckOutcome, Facts
from mcpvet.facts import ToolSource
from mcpvet.facts.shared import SharedWork
from mcpvet.model import EnvShape, Evidence, Finding, Kind, Severity, Tool

KIND_VERB: dict[Kind, str] = {
    Kind.NETWORK: "reach the network",
    Kind.FS_READ: "read files or list directories",
    Kind.FS_WRITE: "create, change or delete files",
    Kind.PROCESS: "start other programs",
    Kind.CODE_EXEC: "run code built at run time",
    Kind.ENV: "read environment variables or local secrets",
}
UNDECLARED_SEVERITY: dict[Kind, Severity] = {
    Kind.NETWORK: Severity.HIGH,
    Kind.PROCESS: Severity.HIGH,
    Kind.CODE_EXEC: Severity.HIGH,
    Kind.FS_WRITE: Severity.HIGH,
    Kind.FS_READ: Severity.MEDIUM,
    Kind.ENV: Severity.MEDIUM,
}
MAX_EVIDENCE = 10

_SECRET_NAME = re.compile(r"TOKEN|SECRET|PASSW|API_?KEY|PRIVATE|CREDENTIAL|AWS_|_KEY\b", re.I)
# credentials of well-known services, by environment variable prefix -> words that name the service
_SERVICE_CREDENTIALS: dict[str, tuple[str, ...]] = {
    "AWS": ("aws", "amazon", "s3", "bedrock", "dynamodb", "lambda", "ec2"),
    "GITHUB": ("github",), "GH": ("github",), "GITLAB": ("gitlab",), "NPM": ("npm",),
    "PYPI": ("pypi",), "TWINE": ("pypi",), "OPENAI": ("openai", "gpt", "chatgpt"),
    "ANTHROPIC": ("anthropic", "claude"), "SLACK": ("slack",), "GOOGLE": ("google", "gmail", "gcp", "gemini"),
    "GCP": ("google", "gcp"), "AZURE": ("azure", "microsoft"), "STRIPE": ("stripe",), "DOCKER": ("docker",),
    "HF": ("huggingface", "hugging"), "HUGGINGFACE": ("huggingface",), "DIGITALOCEAN": ("digitalocean",),
    "HEROKU": ("heroku",), "CLOUDFLARE": ("cloudflare",), "TWILIO": ("twilio",), "SENDGRID": ("sendgrid",),
}
_CREDENTIAL_VAR = re.compile(r"\b(" + "|".join(_SERVICE_CREDENTIALS) + r")_[A-Z0-9_]*(?:TOKEN|SECRET|KEY|PASSWORD|PAT|AUTH)\w*")
# creating a folder (the server's own data or cache folder, mostly) changes no file's content
_MKDIR_SINK = re.compile(r"(?:^|[.:])(?:mkdir|makedirs|mkdirSync|mkdirp|mkdirs|ensureDir|ensureDirSync)$")
_DELETE_SINK = re.compile(r"remove|unlink|rmtree|rmdir|\brm\b|\.rm$|delete|truncate", re.I)


def _sorted_evidence(evidence: list[Evidence]) -> tuple[Evidence, ...]:
    uniq = {(e.location.path, e.location.line, e.sink, e.call_path): e for e in evidence}
    return tuple(uniq[k] for k in sorted(uniq))[:MAX_EVIDENCE]


def _all_evidence(tool: Tool, kind: Kind) -> tuple[Evidence, ...]:
    """Every evidence item of one kind (not only those a finding shows)."""
    return tuple(e for c in tool.capabilities if c.kind is kind for e in c.evidence)


def _every_evidence(tool: Tool, kind: Kind) -> tuple[Evidence, ...]:
    """Every evidence item of one kind, those the per-kind cap hid too (`Capability.more`)."""
    return tuple(e for c in tool.capabilities if c.kind is kind for e in (*c.evidence, *c.more))


def _hidden(tool: Tool, kind: Kind) -> bool:
    """Some evidence items of this kind were not kept (the per-kind cap)."""
    return any(c.hidden for c in tool.capabilities if c.kind is kind)


def _evidence(tool: Tool, *kinds: Kind) -> tuple[Evidence, ...]:
    return _sorted_evidence([e for c in tool.capabilities if c.kind in kinds for e in c.evidence])


def _programs_fixed(tool: Tool, runs: tuple[Evidence, ...]) -> bool:
    """Every program the tool runs was seen (all evidence shown, data flow known) and no tool
    argument chooses the program or the shell line (`controlled_by` empty): a fixed program, which
    may or may not change anything, not one the model picks. Calls on a process already started
    (`Popen.wait`, `.kill`) start nothing and are passed over."""
    starts = [e for e in runs if not on_a_started_process(e.sink)]
    return bool(starts) and not _hidden(tool, Kind.PROCESS) and all(
        e.data_from is not None and not e.data_opaque and not e.controlled_by for e in starts)


def only_creates_folders(evidence: tuple[Evidence, ...]) -> bool:
    """Every file-write sink creates a folder (mkdir, makedirs, ensureDir): nothing is written into files."""
    return bool(evidence) and all(_MKDIR_SINK.search(e.sink) for e in evidence)


def only_scratch(evidence: tuple[Evidence, ...]) -> bool:
    """Every file-write sink creates a temporary file or folder (`mkdtemp`, `TemporaryDirectory`) or
    writes or deletes inside one the tool has just created, at a path no tool argument chooses:
    scratch space of its own, none of the user's files (`_own_folder.scratch`)."""
    return bool(evidence) and all(scratch(e) and (creates_temp(e) or not e.controlled_by) for e in evidence)


_TEMP_PLACE = re.compile(r"^(?:/tmp/|/var/tmp/)")


def only_temp_files(evidence: tuple[Evidence, ...]) -> str | None:
    """When every file write goes right into the temporary space (`/tmp/…`: `os.tmpdir()`,
    `tempfile.gettempdir()`) or into a temporary file it has just made, at a path no tool argument
    chooses and no setting names: the places, quoted; else None."""
    if not evidence:
        return None
    places: list[str] = []
    for ev in evidence:
        if ev.controlled_by or any(s.startswith("env:") for s in ev.slot_sources):
            return None
        if scratch(ev):
            continue
        dest = ev.destination or ""
        if not _TEMP_PLACE.match(dest) or ".." in dest.split("/"):
            return None
        places.append(dest)
    return ", ".join(f"`{p}`" for p in dict.fromkeys(places)) if places else None


def _path_text(ev: Evidence) -> str:
    chain = " → ".join(ev.call_path) if ev.call_path else "the handler"
    return f"{ev.sink} at {ev.location.path}:{ev.location.line} (via {chain})"


def declared_kinds(tool: Tool, package: str | None = None) -> set[Kind]:
    """The kinds the tool admits to, in the context of its package's name (recomputed: cheap and pure)."""
    return {d.kind for d in declared_capabilities(tool, package)} | tool.declared_kinds


def _explained_kinds(tool: Tool, package: str | None) -> set[Kind]:
    """`explain(tool, package)`'s kinds: `declared_kinds` without the tool's own, and what
    `tool_denials` subtracts (declared_capabilities with no code lines is exactly `explain`)."""
    return set(explain(tool, package))


def _foreign_credentials(tool: Tool, env_keys: tuple[str, ...], package: str | None) -> list[str]:
    """Well-known service credentials (AWS_SECRET_ACCESS_KEY, GITHUB_TOKEN …) read by a tool whose
    name, description, schema and package name never mention that service."""
    own = " ".join(text for _, text in tool_texts(tool)).lower() + " " + (package or "").lower()
    own_words = set(re.findall(r"[a-z0-9]+", split_identifier(own).lower()))
    found = set()
    for key in env_keys:
        for m in _CREDENTIAL_VAR.finditer(key):
            if not own_words & set(_SERVICE_CREDENTIALS[m.group(1)]):
                found.add(m.group(0))
    return sorted(found)


def package_hosts(facts: Facts) -> frozenset[str]:
    """The hosts the package itself names: those of the URLs its code writes (the file scans) and
    the constant destinations of its tools' network calls; where a credential it sends may belong."""
    found = set(facts.source.hosts) if facts.source is not None else set()
    for tool in facts.tools:
        for ev in _all_evidence(tool, Kind.NETWORK):
            if ev.destination and constant_destination(ev):
                host = host_of(ev.destination)
                if host:
                    found.add(host)
    return frozenset(found)


# reads that learn whether a path exists or what kind it is, never what it holds
_METADATA_ONLY = re.compile(r"(?:^|\.)(?:exists|existsSync|lexists|isfile|isdir|islink|is_file|is_dir|is_symlink|"
                            r"stat|statSync|lstat|lstatSync|access|accessSync|getsize|getmtime)$")


def reads_private_data(tool: Tool, source: ToolSource) -> bool:
    """The tool can hand the model the user's data, not only the server's own: a file the model
    chooses (a parameter reaches the path), a credential file, or (for a tool that does not itself
    talk to a service) the whole environment, a key it cannot name, or a secret's value. A
    configuration, cache or packaged file at a fixed path, and settings read by name, are the
    server's own."""
    kinds = tool.capability_kinds
    # a parameter in the path of a read (not in the SQL text of a query on the server's database)
    if any(e.controlled_by and e.role in (None, "path") and not _METADATA_ONLY.search(e.sink)
           for e in _all_evidence(tool, Kind.FS_READ)) or (
            Kind.FS_READ in kinds and source.credential_paths):
        return True
    if Kind.ENV not in kinds or Kind.NETWORK in kinds:
        return False
    return (any(r.shape in (EnvShape.WHOLE, EnvShape.COMPUTED) for r in source.env_reads)
            or any(_SECRET_NAME.search(k) for k in source.valued_keys) or not source.env_reads)


@dataclass(frozen=True)
class ToolBehaviourCheck:
    id: str = "tool-behaviour"
    risk: Severity = Severity.CRITICAL
    rules: tuple[str, ...] = ("undeclared-capability", "exfiltration-path", "annotation-mismatch", "toxic-flow")

    def run(self, facts: Facts) -> CheckOutcome:
        if not facts.tools:
            return CheckOutcome((), None, "no tools found: nothing to compare")
        if all(t.handler is None for t in facts.tools):
            return CheckOutcome((), None, "no tool handler could be resolved: behaviour unknown")
        findings: list[Finding] = []
        package = package_name(facts)
        explained = {id(t): _explained_kinds(t, package) for t in facts.tools}
        declared = {id(t): explained[id(t)] | t.declared_kinds for t in facts.tools}
        # work most tools reach through the same code (a config loader, a token cache, a logger) is the
        # server's, judged once by package-code; a tool is judged here on its own work
        shared = facts.source.shared if facts.source is not None else SharedWork()
        own = {id(t): shared.own_work(t) for t in facts.tools}
        hosts = package_hosts(facts)
        service = package_service(facts)
        for i, tool in enumerate(facts.tools):
            source = facts.source.of(i) if facts.source is not None else ToolSource()
            findings += self._tool_findings(tool, source, package, declared[id(tool)], explained[id(tool)],
                                            own[id(tool)], hosts, service)
        findings = by_cause(findings)
        own_tools = tuple(own[id(t)] for t in facts.tools)
        private = {id(own[id(t)]) for i, t in enumerate(facts.tools)
                   if reads_private_data(own[id(t)], facts.source.of(i) if facts.source is not None else ToolSource())}
        findings += self._toxic_flow(own_tools, package, {id(own[id(t)]): declared[id(t)] for t in facts.tools},
                                     private)
        findings = list(sort_findings(findings))
        score = score_from(findings)
        undeclared = sum(1 for f in findings if f.rule == "undeclared-capability")
        incomplete = sum(1 for t in facts.tools if t.unresolved_calls)
        if not findings and incomplete:
            reason = (f"{len(facts.tools)} tools: every capability found is admitted by the tool's text, but "
                      f"{incomplete} of them are possibly incomplete (complete: false), so this is no clean pass")
        elif not findings:
            reason = f"{len(facts.tools)} tools: every capability found is admitted by the tool's text"
        else:
            reason = (f"{len(facts.tools)} tools: {undeclared} undeclared capabilities, "
                      f"{len(findings) - undeclared} other behaviour findings")
        caveats = []
        unresolved = sum(1 for t in facts.tools if t.unresolved_calls)
        if unresolved:
            caveats.append(f"{unresolved} tools make calls that could not be resolved")
        no_handler = sum(1 for t in facts.tools if t.handler is None)
        if no_handler:
            caveats.append(f"{no_handler} tools without a resolved handler")
        failed = sum(1 for e in facts.errors if e.stage in ("frontend", "parse", "python", "javascript", "semgrep"))
        if failed:
            caveats.append(f"{failed} analysis errors")
        if caveats:
            reason += " (" + "; ".join(caveats) + ": capabilities may be missing)"
        return CheckOutcome(tuple(findings), score, reason)

    # ------------------------------------------------------------------
    def _tool_findings(self, full: Tool, source: ToolSource, package: str | None,
                       declared: set[Kind] | None = None, explained: set[Kind] | None = None,
                       own: Tool | None = None, hosts: frozenset[str] = frozenset(),
                       service: OwnService | None = None) -> list[Finding]:
        """Undeclared capabilities and annotations judged on the tool's own work (`own`: without
        shared server work); an exfiltration path on everything it reaches (`full`). `service`: the
        package's own service (`_own_service.package_service`)."""
        out: list[Finding] = []
        tool = full if own is None else own
        declared = declared_kinds(full, package) if declared is None else declared
        actual = tool.capability_kinds
        denied = tool_denials(full, package, explained)
        for kind in sorted(actual - declared, key=lambda k: list(Kind).index(k)):
            ev = _evidence(tool, kind)
            detail = "; ".join(_path_text(e) for e in ev[:3])
            msg = (f"`{tool.name}` can {KIND_VERB[kind]} ({kind.value}), but its name, description and input schema "
                   f"do not say so. Reached: {detail or 'see evidence'}.")
            if kind in denied:
                msg += " Its description even denies it."
            severity = UNDECLARED_SEVERITY[kind]
            if kind is Kind.FS_WRITE and only_creates_folders(_all_evidence(tool, kind)):
                severity = Severity.LOW
                msg += " It only creates folders (its own data or cache folder, most likely), writing into no file."
            elif kind is Kind.FS_WRITE and only_scratch(_every_evidence(tool, kind)):
                severity = Severity.LOW
                msg += " It only writes into temporary files and folders it creates itself."
            elif kind is Kind.FS_WRITE and Kind.CODE_EXEC in declared and (
                    temp := only_temp_files(_every_evidence(tool, kind))):
                severity = Severity.LOW
                msg += (f" The tool says it runs code, and every such file is in the temporary space ({temp}), at a "
                        "path no tool argument chooses: the file holding the code it runs, part of its stated job.")
            elif kind in (Kind.FS_WRITE, Kind.FS_READ) and (
                    folder := only_own_folder(_every_evidence(tool, kind), package)):
                severity = Severity.LOW
                msg += (f" Every such file is under the package's own folder ({folder}), at a path no tool argument "
                        "chooses: the server's cache, log or state, none of the user's files.")
            severity, why = undeclared_severity(tool, kind, severity, service or OwnService(),
                                                source.credential_paths)
            msg += why
            if (tool.description is None and tool.description_source == "dynamic") or tool.description_source == "partial":
                # the description (or part of it) exists only at run time: it may admit this; one step
                # lower, and said so
                severity = Severity.MEDIUM if severity is Severity.HIGH else Severity.LOW
                msg += (" (Part of its description is only known at run time and may say so.)"
                        if tool.description_source == "partial" else
                        " (Its description is only known at run time and may say so.)")
            out.append(Finding("undeclared-capability", severity,
                               f"`{tool.name}` can {KIND_VERB[kind]} without saying so", msg, tool.name,
                               ev[0].location if ev else tool.declared_at, ev))
        out += self._exfiltration(full, source, declared, package, hosts, service or OwnService())
        out += self._annotations(tool, declared, package)
        return out

    def _exfiltration(self, tool: Tool, source: ToolSource, declared: set[Kind],
                      package: str | None, hosts: frozenset[str] = frozenset(),
                      service: OwnService | None = None) -> list[Finding]:
        actual = tool.capability_kinds
        if Kind.NETWORK not in actual:
            return []
        found = leaks(tool, package, hosts)
        if found:
            worst = max((x.severity for x in found), key=lambda s: s.rank)
            ev = _sorted_evidence([x.evidence for x in found])
            msg = (f"`{tool.name}` sends local secrets or file contents over the network: {describe(found)}.")
            return [Finding("exfiltration-path", worst, f"`{tool.name}` can send local secrets off the machine",
                            msg, tool.name, ev[0].location, ev)]
        reasons: list[str] = []
        keys = source.valued_keys  # a key whose value is only tested (`if os.getenv("TOKEN")`) sends nothing
        if any(r.shape is EnvShape.WHOLE for r in source.env_reads):
            reasons.append("reads the whole environment")
        elif Kind.ENV not in declared and Kind.NETWORK not in declared and any(_SECRET_NAME.search(k) for k in keys) \
                and not calls_named_services(tool, service or OwnService(), source.credential_paths):
            # a key sent only to the service the text names ("Authenticate with Microsoft account" through
            # Microsoft's sign-in library) is that service's credential doing its job, not a secret leaving
            reasons.append("reads secrets from the environment it does not admit to")
        foreign = _foreign_credentials(tool, keys, package)
        if foreign:
            reasons.append("reads credentials of services its text never names (" + ", ".join(foreign) + ")")
        secrets = foreign_paths(tool, source.credential_paths, package)
        if secrets:
            reasons.append("reads credential files (" + ", ".join(secrets[:6]) + ")")
        if not reasons:
            return []
        ev = _sorted_evidence([*_evidence(tool, Kind.ENV, Kind.FS_READ), *_evidence(tool, Kind.NETWORK)])
        net = _evidence(tool, Kind.NETWORK)
        msg = (f"`{tool.name}` {' and '.join(reasons)} and can send data over the network "
               f"({_path_text(net[0]) if net else 'network'}): a path for secrets to leave the machine.")
        severity = Severity.CRITICAL
        if not flow_unknown(tool):
            severity = Severity.MEDIUM  # every network call was seen and no secret reaches one
            msg += " The data-flow analysis saw every network call of the tool and no secret reaches one."
        return [Finding("exfiltration-path", severity, f"`{tool.name}` can send local secrets off the machine",
                        msg, tool.name, ev[0].location if ev else tool.declared_at, ev)]

    def _annotations(self, tool: Tool, declared: set[Kind], package: str | None = None) -> list[Finding]:
        out: list[Finding] = []
        actual = tool.capability_kinds
        if annotation(tool, "readOnlyHint") is True:
            for kind in (Kind.FS_WRITE, Kind.PROCESS):
                if kind is Kind.PROCESS and kind in actual and only_read_only_programs(tool):
                    continue  # `rg -n x src`, `git status`, `mobilecli --version`: reading changes nothing
                if kind in actual:
                    # running an admitted program (git status) is compatible with read-only; writing files is not;
                    # creating its own data folder (mkdir exist_ok) leaves every file as it was
                    sev = (Severity.HIGH if kind not in declared
                           else Severity.INFO if kind is Kind.PROCESS else Severity.LOW)
                    writes = _all_evidence(tool, kind)
                    every = _every_evidence(tool, kind)
                    folder = only_own_folder(every, package) if kind is Kind.FS_WRITE else None
                    if kind is Kind.FS_WRITE and (only_creates_folders(writes) or only_server_own_writes(tool) or (
                            only_scratch(every) or folder)):
                        sev = Severity.LOW  # its own data folder, scratch files or its log: the user's files stay
                    if kind is Kind.PROCESS and sev is Severity.HIGH and _programs_fixed(tool, writes):
                        sev = Severity.MEDIUM  # `mobilecli --version`: whether it changes anything is the program's
                    ev = _evidence(tool, kind)
                    out.append(Finding(
                        "annotation-mismatch", sev, f"`{tool.name}` is annotated read-only but can {KIND_VERB[kind]}",
                        f"`{tool.name}` sets readOnlyHint: true, which lets clients run it without asking, yet it can "
                        f"{KIND_VERB[kind]} ({kind.value})" + (f": {_path_text(ev[0])}" if ev else "") + "."
                        + (f" Every such file is inside the installation or the package's own folder ({folder}), at a "
                           "path no tool argument chooses: none of the user's files." if folder and sev is Severity.LOW
                           else ""),
                        tool.name, ev[0].location if ev else tool.declared_at, ev))
        if annotation(tool, "openWorldHint") is False and Kind.NETWORK in actual:
            ev = _evidence(tool, Kind.NETWORK)
            out.append(Finding(
                "annotation-mismatch", Severity.MEDIUM, f"`{tool.name}` claims a closed world but reaches the network",
                f"`{tool.name}` sets openWorldHint: false, yet it can reach the network"
                + (f": {_path_text(ev[0])}" if ev else "") + ".",
                tool.name, ev[0].location if ev else tool.declared_at, ev))
        if annotation(tool, "destructiveHint") is False:
            deletes = [e for e in _evidence(tool, Kind.FS_WRITE) if _DELETE_SINK.search(e.sink)]
            if deletes:
                # deleting a temp file of an atomic write is ordinary for a tool that admits to writing files
                sev = Severity.INFO if Kind.FS_WRITE in declared else Severity.MEDIUM
                out.append(Finding(
                    "annotation-mismatch", sev, f"`{tool.name}` claims to be non-destructive but deletes files",
                    f"`{tool.name}` sets destructiveHint: false, yet it can delete files: {_path_text(deletes[0])}.",
                    tool.name, deletes[0].location, tuple(deletes)))
        return out

    def _toxic_flow(self, tools: tuple[Tool, ...], package: str | None,
                    declared: dict[int, set[Kind]] | None = None, private: set[int] | None = None) -> list[Finding]:
        """One finding over every (source, sink) pair of tools with different names, found without
        listing the pairs (their number grows with the square of the tools). `declared`: the
        declared kinds by `id` of each tool, when already known; `private`: the `id`s of the tools
        that read private data (`reads_private_data`), when known (else every file or environment read counts)."""
        known = declared or {}

        def admitted(t: Tool) -> set[Kind]:
            return known[id(t)] if id(t) in known else declared_kinds(t, package)

        # private data: files, or the environment read by a tool that does not itself talk to a service
        # (a tool reading its own API key before calling that API returns nothing private to the model)
        sources = [t for t in tools if (id(t) in private if private is not None else
                                        Kind.FS_READ in t.capability_kinds
                                        or (Kind.ENV in t.capability_kinds and Kind.NETWORK not in t.capability_kinds))]
        # an outbound channel: a network call that can carry what the model hands the tool (a call
        # that sends only the server's own settings or files cannot take the data anywhere)
        sinks = [t for t in tools if Kind.NETWORK in t.capability_kinds and carries_arguments(t)]
        source_names = {t.name for t in sources}
        sink_names = {t.name for t in sinks}

        def paired(name: str, others: set[str]) -> bool:  # some tool of `others` has another name
            return len(others) > 1 or (len(others) == 1 and name not in others)

        if not any(paired(src.name, sink_names) for src in sources):
            return []

        def src_hidden(src: Tool) -> bool:
            private = {Kind.FS_READ} if Kind.NETWORK in src.capability_kinds else {Kind.FS_READ, Kind.ENV}
            return bool((src.capability_kinds & private) - admitted(src))

        hidden = (any(paired(s.name, sink_names) and src_hidden(s) for s in sources)
                  or any(paired(d.name, source_names) and Kind.NETWORK not in admitted(d) for d in sinks))
        # "a → b" for distinct name pairs: the first 8 in order, and how many there are
        ordered_sinks = sorted(sink_names)
        first: list[str] = []
        for src_name in source_names:
            first += [f"{src_name} → {d}" for d in ordered_sinks[:9] if d != src_name][:8]
        listed = sorted(first)[:8]
        count = len(source_names) * len(sink_names) - len(source_names & sink_names)
        shown = ", ".join(listed[:8]) + (f" and {count - 8} more" if count > 8 else "")
        msg = (f"Tools that read private data (files or environment) and tools that can send data out coexist: "
               f"{shown}. A model steered by untrusted content can chain them to leak data.")
        if hidden:
            msg += " At least one side of a pair does not admit the capability."
        return [Finding("toxic-flow", Severity.HIGH if hidden else Severity.LOW,
                        "Private data and an outbound channel in the same server", msg, None)]

CHECK = ToolBehaviourCheck()

