"""Check `package-code` (risk medium): does the package's own code hide, reach for credentials, or act at start-up?

What: judges the scans of the package's source files (`mcpvet.facts`: read as text in a killable
worker, never imported or run) and the package behaviour the frontends found.

Rules:
- `obfuscated-code` — packed code (`eval(function(p,a,c,k,e,d)`), javascript-obfuscator string
  tables (`_0x…` names, rotated escaped-string arrays), encoded blobs that are decoded and run.
  Medium; high when the decoded content is evaluated. Vendored files count only when the package
  uses them; attributed to a tool when its handler reaches the file.
- `sensitive-path` — credential paths (`~/.ssh`, `id_rsa`, `.aws/credentials`, `mcp.json`,
  browser profiles, keychains …) in string literals of code a tool reaches (high, attributed
  to the tool; low when the tool's own text names the same kind of path, or names the service
  whose credentials they are: `~/.aws` in a tool that says AWS), or elsewhere in the package's
  source (medium, package level). A bare `.env` only rates low.
- `startup-behaviour` — what runs at import or start-up, outside every tool: network, process
  or code execution that no tool of the package admits to (medium); kinds the tools admit to,
  module loading (`require`, `import_module`), environment or files, and code reached from
  nowhere (low). Also, once per kind, **shared server work** (`mcpvet.facts.shared`): a sink that
  at least 3 tools and at least half of the tools (counted by handler) reach through the same
  helper, with no tool argument reaching it — a configuration loader writing `config.json`, an
  OAuth helper caching its token, a logger, a data folder created on first use, a telemetry
  helper. It is the server's work, not each tool's: `tool-behaviour` judges each tool on its own
  evidence only (no per-tool `undeclared-capability` or `annotation-mismatch` for it), and this
  rule reports it once, listing the tools: medium for network, programs or code no tool admits
  to, high for a file write to one of the user's places (a shell profile, `~/.ssh`, a crontab, an
  MCP client's configuration: wcgw's block in `~/.bashrc`), low for other files, environment and
  module loading. Sites beyond the per-kind evidence cap count too.
- `network-exposure` (medium) — the server's own source binds its HTTP transport to every
  network interface (`host="0.0.0.0"`, `listen(port, "::")`, also as the default of a setting) and
  lets any caller through: CORS for any origin (`allow_origins=["*"]`, `cors()`, `origin: "*"`),
  any Host header (allowed hosts `*`), or DNS-rebinding protection turned off
  (`enable_dns_rebinding_protection=False`). Every tool is then callable by any machine that can
  reach the port, and by any web page the user opens. Either alone (a container binding
  `0.0.0.0`, a local server answering any origin) is not reported; a comparison with the address
  (`host in ("0.0.0.0", "::")`) is not a binding. Tests and vendored code are left out.

Why: obfuscation has no place in an MCP server's source; credential paths next to file reads are
the signature of a stealer; start-up code runs before any tool is called; a server open to the
network and to every web origin hands its tools to anyone who finds it.

How to fix: publish readable source; read only files the user names; move start-up work into
tools that say what they do; bind to 127.0.0.1 unless remote access is the point, and then name
the origins and hosts allowed and require authentication.
Inconclusive (no score) when no source file could be read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mcpvet.behaviour import declared_capabilities, sensitive, tool_texts
from mcpvet.behaviour.obfuscation import severity as obfuscation_severity
from mcpvet.checks.analysis._common import foreign_paths, package_name, score_from, sort_findings
from mcpvet.checks.analysis._own_folder import own_file_names, user_place
from mcpvet.checks.interface import CheckOutcome, Facts
from mcpvet.facts import SourceFacts
from mcpvet.facts.exposure import ALL_INTERFACES, ANY_HOST, ANY_ORIGIN, NO_REBINDING_PROTECTION
from mcpvet.facts.scan import FileScan
from mcpvet.facts.shared import SharedSite
from mcpvet.model import Evidence, FileRole, Finding, Kind, Location, Severity

_MODULE_LOADER = re.compile(r"(?:^|\.)(?:require|createRequire|import_module|__import__|import)$")
@dataclass(frozen=True)
class PackageCodeCheck:
    id: str = "package-code"
    risk: Severity = Severity.MEDIUM
    rules: tuple[str, ...] = ("obfuscated-code", "sensitive-path", "startup-behaviour", "network-exposure")

    def run(self, facts: Facts) -> CheckOutcome:
        source = facts.source
        if facts.tree is None or source is None or not source.files:
            return CheckOutcome((), None, "no source file to read")
        errors = source.errors
        texts = source.read
        if not texts:
            return CheckOutcome((), None, "no source file could be read", errors)
        findings = self._obfuscation(facts, source, texts)
        findings += self._sensitive(facts, source, texts)
        findings += self._startup(facts)
        findings += self._shared(facts, source)
        findings += self._exposure(source, texts)
        findings = list(sort_findings(findings))
        reason = (f"{len(texts)} source files read: nothing hidden, no credential paths, nothing risky at start-up"
                  if not findings else f"{len(texts)} source files read: {len(findings)} findings")
        return CheckOutcome(tuple(findings), score_from(findings), reason, errors)

    def _obfuscation(self, facts: Facts, source: SourceFacts, texts: dict[str, FileScan]) -> list[Finding]:
        out: list[Finding] = []
        obfuscated = {f.path for f in source.files if f.path in texts and texts[f.path].signs}
        reach: dict[str, list[str]] = {}  # obfuscated file -> the tools that reach it, in tool order
        if obfuscated:
            for i, t in enumerate(facts.tools):
                for path in source.of(i).obfuscated:
                    reach.setdefault(path, []).append(t.name)
        for f in source.files:
            if f.path not in obfuscated:
                continue
            signs = list(texts[f.path].signs)
            reached_by = reach.get(f.path, [])
            if f.role is FileRole.VENDORED and not reached_by and f.path not in source.used_vendored:
                continue  # vendored and unused
            sev = obfuscation_severity(signs)
            detail = "; ".join(f"{s.detail} (line {s.line})" for s in signs)
            loc = Location(f.path, signs[0].line)
            if reached_by:
                for name in sorted(reached_by):
                    out.append(Finding("obfuscated-code", sev, f"`{name}` calls into obfuscated code",
                                       f"`{name}` reaches {f.path}, which is obfuscated: {detail}. What it does "
                                       "cannot be read without running it.", name, loc))
            else:
                out.append(Finding("obfuscated-code", sev, f"Obfuscated code in {f.path}",
                                   f"{f.path} is obfuscated: {detail}.", None, loc))
        return out

    def _sensitive(self, facts: Facts, source: SourceFacts, texts: dict[str, FileScan]) -> list[Finding]:
        out: list[Finding] = []
        attributed: set[tuple[str, int]] = set()
        by_line: dict[str, dict[int, list[int]]] = {}  # file -> line -> positions of its hits

        def hits_on(path: str, lines: set[int]) -> list[tuple[int, sensitive.SensitiveHit]]:
            """The hits of `path` on these lines, in the order the scan found them."""
            hits = texts[path].hits
            if path not in by_line:
                index: dict[int, list[int]] = {}
                for i, (line, _) in enumerate(hits):
                    index.setdefault(line, []).append(i)
                by_line[path] = index
            index = by_line[path]
            if len(lines) < len(index):
                found = [i for ln in lines if ln in index for i in index[ln]]
            else:
                found = [i for ln, pos in index.items() if ln in lines for i in pos]
            return [hits[i] for i in sorted(found)]

        package = package_name(facts)
        for i, tool in enumerate(facts.tools):
            own_text = " ".join(text for _, text in tool_texts(tool))
            own_labels = {h.label for h in sensitive.find(own_text)}
            hits: list[tuple[str, int, sensitive.SensitiveHit]] = []
            for path, lines in sorted(source.of(i).window.items()):
                if path not in texts:
                    continue
                hits += [(path, line, hit) for line, hit in hits_on(path, set(lines))]
            if not hits:
                continue
            attributed |= {(p, ln) for p, ln, _ in hits}
            strong = [h for h in hits if h[2].strong]
            # a credential path of a service the tool names (~/.aws in an AWS tool) is declared too
            foreign = set(foreign_paths(tool, tuple(h[2].text for h in strong), package))
            # a file of the package's own folder the tool opens (its own browser profile's cookies.sqlite
            # under ~/.app/profiles/…), at a path no argument chooses: not the user's credentials
            own_files = own_file_names((e for c in tool.capabilities if c.kind in (Kind.FS_READ, Kind.FS_WRITE)
                                        for e in (*c.evidence, *c.more)), package) if strong else frozenset()
            undeclared_strong = [h for h in strong if h[2].label not in own_labels and h[2].text in foreign
                                 and h[2].text not in own_files]
            sev = Severity.HIGH if undeclared_strong else Severity.LOW
            named = sorted({f"{h.text} ({h.label})" for _, _, h in hits})
            first = sorted(hits, key=lambda h: (not h[2].strong, h[0], h[1]))[0]
            ordered = sorted(hits, key=lambda x: (x[0], x[1], x[2].label, x[2].text))[:10]
            ev = tuple(Evidence(Location(p, ln), "literal:" + h.text, (tool.name,)) for p, ln, h in ordered)
            out.append(Finding("sensitive-path", sev, f"`{tool.name}` reaches code that names credential files",
                               f"Code reached by `{tool.name}` names {', '.join(named[:8])} "
                               f"(first at {first[0]}:{first[1]})."
                               + (" The tool's text does not mention them." if undeclared_strong else "")
                               + (" " + ", ".join(sorted({h[2].text for h in strong if h[2].text in own_files}))
                                  + " is a file the tool opens in the package's own folder, at a path no tool "
                                  "argument chooses: its own, not the user's."
                                  if any(h[2].text in own_files for h in strong) else ""),
                               tool.name, Location(first[0], first[1]), ev))
        for f in source.files:
            if f.role not in (FileRole.SOURCE, FileRole.BUILD_SCRIPT, FileRole.BROWSER):
                continue
            if f.path not in texts:
                continue
            rest = [(ln, h) for ln, h in texts[f.path].hits if h.strong and (f.path, ln) not in attributed]
            if rest:
                named = sorted({f"{h.text} ({h.label})" for _, h in rest})
                out.append(Finding("sensitive-path", Severity.MEDIUM, f"{f.path} names credential files",
                                   f"{f.path} names {', '.join(named[:8])} (first at line {rest[0][0]}).",
                                   None, Location(f.path, rest[0][0])))
        return out

    def _startup(self, facts: Facts) -> list[Finding]:
        """One finding per kind: where (import time, start-up, unattributed) and the sinks, worst severity."""
        groups: dict[Kind, dict[str, list[Evidence]]] = {}
        for fr in facts.frontends:
            for pb in fr.package_behaviour:
                groups.setdefault(pb.kind, {}).setdefault(pb.context, []).append(pb.evidence)
        out: list[Finding] = []
        package = package_name(facts)
        # the risky kinds met at import time or start-up that some tool may admit to: look no further
        # through the tools than until each is found
        wanted = {k for k, ctx in groups.items() if k in (Kind.NETWORK, Kind.PROCESS, Kind.CODE_EXEC)
                  and any(c in ("module", "startup") for c in ctx)}
        admitted: set[Kind] = set()
        for t in facts.tools:
            if wanted <= admitted:
                break
            admitted |= {d.kind for d in declared_capabilities(t, package)}
        order = {"module": 0, "startup": 1, "unattributed": 2}
        for kind in sorted(groups, key=lambda k: list(Kind).index(k)):
            parts, evidence, severities = [], [], []
            for context in sorted(groups[kind], key=lambda c: (order.get(c, 9), c)):
                uniq = sorted({(e.location.path, e.location.line, e.sink, e.call_path): e
                               for e in groups[kind][context]}.values(),
                              key=lambda e: (e.location.path, e.location.line, e.sink))
                risky = kind in (Kind.NETWORK, Kind.PROCESS, Kind.CODE_EXEC)
                # a server whose tools say they run git may well run git at start-up: only surprises rate medium
                loader = kind is Kind.CODE_EXEC and all(_MODULE_LOADER.search(e.sink) for e in uniq)
                severities.append(Severity.MEDIUM if risky and context in ("module", "startup")
                                  and kind not in admitted and not loader else Severity.LOW)
                when = {"module": "at import time", "startup": "at start-up",
                        "unattributed": "outside every tool (not reached from a tool handler)"}.get(context, context)
                sinks = ", ".join(sorted({e.sink for e in uniq})[:5])
                parts.append(f"{when}: {sinks} (first at {uniq[0].location.path}:{uniq[0].location.line})")
                evidence += uniq[:5]
            sev = max(severities, key=lambda s: s.rank)
            out.append(Finding("startup-behaviour", sev, f"{kind.value} outside the tools",
                               f"The package uses {kind.value} " + "; ".join(parts) + ".",
                               None, evidence[0].location, tuple(evidence[:10])))
        return out

    def _shared(self, facts: Facts, source: SourceFacts) -> list[Finding]:
        """One finding per kind of shared server work (`mcpvet.facts.shared`): the sinks most tools reach
        through the same helper. Medium for network, programs or code no tool admits to (module
        loading aside), high for a file write to one of the user's places (a shell profile, ~/.ssh, a
        crontab, an MCP client's configuration), low otherwise (its own config, token cache, log or
        data folder)."""
        sites = source.shared.all_sites()
        if not sites:
            return []
        package = package_name(facts)
        admitted: set[Kind] = set()
        for t in facts.tools:
            admitted |= {d.kind for d in declared_capabilities(t, package)} | t.declared_kinds
        out: list[Finding] = []
        handled = sum(1 for t in facts.tools if t.handler is not None)
        for kind in sorted({s.kind for s in sites}, key=lambda k: list(Kind).index(k)):
            for auth in (False, True):
                mine = sorted((s for s in sites if s.kind is kind and s.auth is auth),
                              key=lambda s: (-len(s.tools), s.evidence.location.path, s.evidence.location.line))
                if mine:
                    out.append(self._shared_finding(kind, mine, admitted, handled, auth))
        return out

    @staticmethod
    def _shared_finding(kind: Kind, mine: list[SharedSite], admitted: set[Kind], handled: int, auth: bool) -> Finding:
        loader = kind is Kind.CODE_EXEC and all(_MODULE_LOADER.search(s.evidence.sink) for s in mine)
        risky = kind in (Kind.NETWORK, Kind.PROCESS, Kind.CODE_EXEC) and kind not in admitted and not loader
        if auth and kind is Kind.PROCESS:
            risky = False  # only the browser, opened on the sign-in page (`facts.shared._auth_item`)
        tools = sorted({name for s in mine for name in s.tools})
        helpers = sorted({s.helper for s in mine})
        where = "; ".join(f"{s.evidence.sink} at {s.evidence.location.path}:{s.evidence.location.line} "
                          f"in {s.helper} ({len(s.tools)} tools)" for s in mine[:5])
        shown = ", ".join(tools[:8]) + (f" and {len(tools) - 8} more" if len(tools) > 8 else "")
        if auth:
            title = f"{kind.value} in the server's authentication step"
            message = (f"{len(tools)} of {handled} tools ({shown}) reach {kind.value} through the server's "
                       f"authentication step ({', '.join(helpers[:4])}): {where}. Signing in (its token store, "
                       "the browser opened on the consent page) is the server's own work, judged once here "
                       "rather than as each tool's.")
        else:
            title = f"{kind.value} in server work most tools share"
            message = (f"Most tools ({len(tools)} of {handled}: {shown}) reach the same "
                       f"{kind.value} through {', '.join(helpers[:4])}: {where}. This is the server's own work "
                       "(set-up, configuration, an auth token cache, a log), judged once here rather than as each tool's.")
        severity = Severity.MEDIUM if risky else Severity.LOW
        # writing a shell profile, ~/.ssh, a crontab or an MCP client's configuration is never the server's
        # quiet bookkeeping, however many tools share it
        places = sorted({p for s in mine if kind is Kind.FS_WRITE
                         for p in (s.evidence.destination, *s.evidence.places) if p and user_place(p)})
        if places:
            severity = Severity.HIGH
            message = message.replace(" This is the server's own work (set-up, configuration, an auth token cache, a log),",
                                      " Server work, but not its own bookkeeping: it writes the user's own files ("
                                      + ", ".join(f"`{p}`" for p in places[:4]) + ");")
            mine = sorted(mine, key=lambda s: not any(user_place(p) for p in (s.evidence.destination,
                                                                               *s.evidence.places) if p))
        return Finding("startup-behaviour", severity, title,
                       message + (" No tool admits to it." if risky else ""),
                       None, mine[0].evidence.location, tuple(s.evidence for s in mine[:10]))

    def _exposure(self, source: SourceFacts, texts: dict[str, FileScan]) -> list[Finding]:
        """`network-exposure`: every interface, and any origin or host (the package's own source only)."""
        signs = [(f.path, sign) for f in source.files if f.role is FileRole.SOURCE and f.path in texts
                 for sign in texts[f.path].exposure]
        bound = [(p, s) for p, s in signs if s.kind == ALL_INTERFACES]
        open_to = [(p, s) for p, s in signs if s.kind != ALL_INTERFACES]
        if not bound or not open_to:
            return []
        words = {ANY_ORIGIN: "any web origin (CORS *)", ANY_HOST: "any Host header (allowed hosts *)",
                 NO_REBINDING_PROTECTION: "requests with no DNS-rebinding protection"}
        kinds = sorted({s.kind for _, s in open_to})
        where = "; ".join(f"{p}:{s.line} `{s.code}`" for p, s in [bound[0], *open_to[:3]])
        evidence = tuple(Evidence(Location(p, s.line), "literal:" + s.kind, ()) for p, s in [*bound[:3], *open_to[:5]])
        return [Finding(
            "network-exposure", Severity.MEDIUM, "The server listens on every network interface and accepts any caller",
            f"The server binds its HTTP transport to every network interface and accepts "
            f"{' and '.join(words[k] for k in kinds)}: any machine that reaches the port, and any web page the "
            f"user opens, can call its tools ({where}). Bind to 127.0.0.1, or name the allowed origins and hosts "
            "and require authentication.",
            None, Location(bound[0][0], bound[0][1].line), evidence)]


CHECK = PackageCodeCheck()
