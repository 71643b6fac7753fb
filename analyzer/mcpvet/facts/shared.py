"""Shared server work: sinks that most of a package's tools reach through the same code.

A server often does the same things before any tool does its own job: a configuration loader
creates `config.json`, an OAuth helper caches its token, a logger appends to the server's log,
a telemetry helper looks up the Python version, a client factory reads its settings. The call
graph rightly finds these behind every tool, but they are the server's work, not each tool's:
reported per tool they turn one fact about the package into a hundred "undeclared" findings on
tools whose own code does nothing of the kind.

The rule (a fact, from the tools' evidence only): a sink site (file, line, sink API) is **shared
server work** when the package has at least `MIN_TOOLS` tools with a resolved handler and the
site is reached by at least `MIN_TOOLS` of them and by at least half of them (`SHARE`), tools
being counted by handler and what they reach (tools with one handler function and identical
evidence, the union of a dispatcher the analysis could not split, count once), through a
function other than the handler. Such a
site is judged once, for the package (`startup-behaviour`), and a tool's own findings look only at
the evidence that is not shared. Deliberately not applied: to a tool's handler itself (a site in
the handler's own file and function is never shared work), to `exfiltration-path` (secrets and a
network path in one tool stay a per-tool judgement), and to what flows from a tool's arguments
(`controlled_by`: the tool's own input makes a site the tool's work).

One wrapper most tools go through (tools registered in a loop, `execute(handler, args)` that
first runs `ensureAuthenticated()` or logs the call) gives those tools one handler and identical
evidence: what they reach through a helper is that wrapper's work, save what may be one tool's
own (see `_wrapper_work`).

The server's authentication step (`ensureAuthenticated()`, `buildAuthSystem()`, `get_credentials()`
called before a tool does its job) is the server's too, however few tools go through it: its token
store reading, writing or quarantining its own credentials file, and the browser it opens on the
OAuth consent page, are how the server logs in, not what a tool does (see `_auth_work`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from mcpvet.behaviour.text import split_identifier
from mcpvet.model import Capability, Evidence, Kind, Tool, argument_source

MIN_TOOLS = 3  # a package with fewer tools has no "most tools" to speak of
SHARE = 0.5  # reached by at least this share of the tools with a resolved handler

SiteKey = tuple[str, int, str, int]  # path, line, sink, column (the calls of one line are told apart)


def site_of(ev: Evidence) -> SiteKey:
    return (ev.location.path, ev.location.line, ev.sink, ev.location.column)


@dataclass(frozen=True)
class SharedSite:
    """One sink site most tools reach: where, what, through which function, by how many tools."""

    kind: Kind
    evidence: Evidence  # one witness (the shortest call path)
    tools: tuple[str, ...]  # the tools that reach it, sorted
    auth: bool = False  # reached through the server's authentication step (not necessarily by most tools)

    @property
    def helper(self) -> str:
        """The function that calls the sink (the last step of the witness call path)."""
        return self.evidence.call_path[-1] if self.evidence.call_path else self.evidence.sink


@dataclass(frozen=True)
class SharedWork:
    """The sites of shared server work of one package, by kind (empty when there is none)."""

    sites: Mapping[Kind, Mapping[SiteKey, SharedSite]] = field(default_factory=dict)
    tools_with_handler: int = 0

    def is_shared(self, kind: Kind, ev: Evidence) -> bool:
        return not ev.controlled_by and site_of(ev) in self.sites.get(kind, {})

    def own(self, kind: Kind, evidence: Iterable[Evidence]) -> tuple[Evidence, ...]:
        """The evidence items of `kind` that are the tool's own work (not shared)."""
        return tuple(e for e in evidence if not self.is_shared(kind, e))

    def own_work(self, tool: Tool) -> Tool:
        """The tool with only its own evidence: capabilities whose every item is shared work dropped."""
        if not self.sites:
            return tool
        caps = []
        for cap in tool.capabilities:
            own = self.own(cap.kind, cap.evidence)
            more = self.own(cap.kind, cap.more)
            if own or more:
                same = len(own) == len(cap.evidence) and len(more) == len(cap.more)
                caps.append(cap if same else Capability(cap.kind, own or more[:1], len(more) - (0 if own else 1),
                                                        more if own else more[1:]))
        return tool if len(caps) == len(tool.capabilities) and all(
            a is b for a, b in zip(caps, tool.capabilities, strict=True)) else replace(tool, capabilities=tuple(caps))

    def all_sites(self) -> tuple[SharedSite, ...]:
        return tuple(s for kind in sorted(self.sites, key=lambda k: list(Kind).index(k))
                     for _, s in sorted(self.sites[kind].items()))


def _profile(tool: Tool) -> frozenset[tuple[Kind, SiteKey]]:
    """Everything the tool reaches: tools with the same profile are one way in, not several."""
    return frozenset((cap.kind, site_of(ev)) for cap in tool.capabilities for ev in (*cap.evidence, *cap.more))


def shared_work(tools: tuple[Tool, ...]) -> SharedWork:
    """The sites reached by at least `MIN_TOOLS` tools and `SHARE` of the tools with a handler."""
    handled = [t for t in tools if t.handler is not None]
    # tools are counted by their handler and what they reach: tools with one handler function that
    # reach exactly the same sinks (the union of a dispatcher no branch could be split from, a
    # wrapper whose callbacks were not told apart) are one way in, not many, and cannot make
    # anything "most tools"
    handlers = {t.name: (t.handler.symbol if t.handler else "", _profile(t)) for t in handled}
    n = len(set(handlers.values()))
    need = max(MIN_TOOLS, math.ceil(n * SHARE))
    reach: dict[tuple[Kind, SiteKey], set[str]] = {}
    by: dict[tuple[Kind, SiteKey], set[tuple[str, frozenset[tuple[Kind, SiteKey]]]]] = {}
    witness: dict[tuple[Kind, SiteKey], Evidence] = {}
    for t in handled:
        handler = handlers[t.name]
        for cap in t.capabilities:
            for ev in (*cap.evidence, *cap.more):  # also what the per-kind cap did not show
                if ev.controlled_by:
                    continue  # the tool's arguments reach it: the tool's own work
                if len(ev.call_path) <= 1:
                    continue  # called in the handler's own body
                key = (cap.kind, site_of(ev))
                reach.setdefault(key, set()).add(t.name)
                by.setdefault(key, set()).add(handler)
                old = witness.get(key)
                if old is None or (len(ev.call_path), ev.call_path) < (len(old.call_path), old.call_path):
                    witness[key] = ev
    sites: dict[Kind, dict[SiteKey, SharedSite]] = {}
    for (kind, site), names in reach.items():
        if n >= MIN_TOOLS and len(by[(kind, site)]) >= need:
            sites.setdefault(kind, {})[site] = SharedSite(kind, witness[(kind, site)], tuple(sorted(names)))
    for kind, site, group in _wrapper_work(handled, handlers, witness):
        sites.setdefault(kind, {}).setdefault(site, SharedSite(kind, witness[(kind, site)], group))
    for kind, site, ev, group in _auth_work(handled):
        sites.setdefault(kind, {}).setdefault(site, SharedSite(kind, ev, group, auth=True))
    return SharedWork(sites, n)


# words of a function name that make it the server's authentication step
_AUTH_WORDS = frozenset({"auth", "oauth", "oauth2", "authenticate", "authenticated", "authentication",
                         "authorize", "authorise", "authorization", "reauth", "reauthenticate", "login",
                         "signin", "credential", "credentials", "creds"})
_TOKEN_KINDS = frozenset({"access", "refresh", "bearer", "id", "auth", "oauth"})  # `getAccessToken`, not `count_tokens`
# libraries whose only process is the user's browser showing a page (`open(url)`, `webbrowser.open`)
_BROWSER_OPENERS = frozenset({"open", "opn", "better-opn", "webbrowser"})
_PASSIVE = frozenset({Kind.FS_READ, Kind.FS_WRITE, Kind.ENV})


def auth_step(step: str) -> bool:
    """A call-path step that is an authentication function: its name or its class's says so
    (`ensureAuthenticated`, `AuthServer.start`, `get_credentials`, `refreshAccessToken`); a dispatch
    branch's label (`#case:"authGetStatus"`) is not a function name."""
    name = step.split("#", 1)[0].rsplit(":", 1)[-1]
    words = split_identifier(name).lower().split()
    if any(w in _AUTH_WORDS for w in words):
        return True
    return any(w in ("token", "tokens") and i > 0 and words[i - 1] in _TOKEN_KINDS for i, w in enumerate(words))


def _arguments_reach(ev: Evidence) -> bool:
    return bool(ev.controlled_by) or any(argument_source(d) for d in ev.data_from or ())


def _auth_item(kind: Kind, ev: Evidence) -> bool:
    """The item is the work of an authentication step a tool goes through: a step after the handler
    is one, no tool argument reaches the call, and it is a file or environment access, a network call
    whose data the analysis saw, or the browser opened on a page (whatever the page, no argument of
    the tool's is in it). Never a program other than the browser, nor code run."""
    if len(ev.call_path) <= 1 or not any(auth_step(s) for s in ev.call_path[1:]) or _arguments_reach(ev):
        return False
    if kind in _PASSIVE:
        return True
    if kind is Kind.NETWORK:
        return ev.data_from is not None and not ev.data_opaque
    if kind is Kind.PROCESS:
        return ev.sink.split(".", 1)[0] in _BROWSER_OPENERS
    return False


def _auth_work(handled: list[Tool]) -> Iterable[tuple[Kind, SiteKey, Evidence, tuple[str, ...]]]:
    """Sites at least `MIN_TOOLS` tools reach through the server's authentication step (`_auth_item`)."""
    reach: dict[tuple[Kind, SiteKey], set[str]] = {}
    witness: dict[tuple[Kind, SiteKey], Evidence] = {}
    for t in handled:
        for cap in t.capabilities:
            for ev in cap.evidence:
                if not _auth_item(cap.kind, ev):
                    continue
                key = (cap.kind, site_of(ev))
                reach.setdefault(key, set()).add(t.name)
                old = witness.get(key)
                if old is None or (len(ev.call_path), ev.call_path) < (len(old.call_path), old.call_path):
                    witness[key] = ev
    for (kind, site), names in sorted(reach.items(), key=lambda kv: (list(Kind).index(kv[0][0]), kv[0][1])):
        if len(names) >= MIN_TOOLS:
            yield kind, site, witness[(kind, site)], tuple(sorted(names))


_ACTIVE = frozenset({Kind.NETWORK, Kind.PROCESS, Kind.CODE_EXEC})  # kinds whose data goes somewhere


def _wrapper_work(handled: list[Tool], handlers: Mapping[str, tuple[str, frozenset[tuple[Kind, SiteKey]]]],
                  witness: Mapping[tuple[Kind, SiteKey], Evidence]) -> Iterable[tuple[Kind, SiteKey, tuple[str, ...]]]:
    """Shared work of one wrapper most tools go through: tools registered in a loop or through a
    generic wrapper (`execute(handler, args)` that first runs `ensureAuthenticated()` or logs the
    call), whose own callbacks the analysis could not tell apart, have one handler and identical
    evidence. When such a group holds at least `MIN_TOOLS` tools and `SHARE` of all the tools with a
    handler, what every one of them reaches through a helper is the wrapper's work, except what
    can be one tool's own work:
    - a site a tool argument controls (`controlled_by`), or, for a network call, a program or code
      run, one a tool argument's data reaches or whose data the analysis did not see (the chart
      service every tool of a chart server posts its data to is each tool's job, not a preamble);
    - a site under a branch of a dispatch (`#case:`), or under one of several functions of one
      name called from the same place (`A.run`, `B.run`: a call the analysis resolved to each
      tool's implementation at once)."""
    groups: dict[tuple[str, frozenset[tuple[Kind, SiteKey]]], list[Tool]] = {}
    for t in handled:
        groups.setdefault(handlers[t.name], []).append(t)
    for (_handler, profile), members in groups.items():
        if len(members) < MIN_TOOLS or len(members) < math.ceil(len(handled) * SHARE) or not profile:
            continue
        tool = members[0]
        evidence = [(cap.kind, ev) for cap in tool.capabilities for ev in cap.evidence]
        alternatives = _alternatives([ev.call_path for _, ev in evidence])
        names = tuple(sorted(t.name for t in members))
        for kind, ev in evidence:
            if ev.controlled_by or len(ev.call_path) <= 1 or (kind, site_of(ev)) not in witness:
                continue
            if kind in _ACTIVE and (ev.data_from is None or ev.data_opaque
                                    or any(argument_source(d) for d in ev.data_from)):
                continue
            if any("#case:" in step for step in ev.call_path) or _through(ev.call_path, alternatives):
                continue
            yield kind, site_of(ev), names


def _last_name(step: str) -> str:
    return step.rsplit(":", 1)[-1].rsplit(".", 1)[-1]


def _alternatives(paths: Iterable[tuple[str, ...]]) -> set[tuple[str, ...]]:
    """Call-path prefixes ending in one of several same-named functions called from one place."""
    after: dict[tuple[str, ...], set[str]] = {}
    for path in paths:
        for i in range(1, len(path)):
            after.setdefault(tuple(path[:i]), set()).add(path[i])
    out: set[tuple[str, ...]] = set()
    for prefix, nexts in after.items():
        by_name: dict[str, list[str]] = {}
        for step in nexts:
            by_name.setdefault(_last_name(step), []).append(step)
        for same in by_name.values():
            if len(same) > 1:
                out.update((*prefix, step) for step in same)
    return out


def _through(path: tuple[str, ...], alternatives: set[tuple[str, ...]]) -> bool:
    return any(tuple(path[:i]) in alternatives for i in range(2, len(path) + 1))
