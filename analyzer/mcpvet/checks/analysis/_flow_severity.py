"""Severity from what flows into a sink and where it goes (issues 12 and 13), for
`undeclared-capability` and `exfiltration-path`.

Reads only the evidence's data-flow facts: `controlled_by` (tool parameters in the argument that
matters), `data_from` (tool parameters, `*` for the whole arguments object, and other data —
`env:NAME`, `env:?` (one variable whose name is computed: a secret-looking variable below), `env:*`
(the whole environment), `file:PATH`, `pkgfile:PATH` (a file the package ships, read next to its
code: its own version or data, never a local secret) — in any argument; None when the analysis did
not see the call), `destination` (the constant target), and whether values the analysis could not follow reach
the call (`data_opaque`). Data keeps its sources through serialising and encoding (`json.dumps`,
`str`, base64, `urlencode`, `quote`, `JSON.stringify`, `encodeURIComponent`, `URLSearchParams`) and
through f-strings, template literals, concatenation and dict/object literals, so the whole
environment placed in a URL, a query string, a header or a body is `env:*` (an encoding takes away a
parameter's control, not the data).

| what reaches the sink | where it goes | undeclared-capability |
| --- | --- | --- |
| a tool argument, a secret or a file's contents | anywhere | the kind's severity (high for network, process, code, file writes) |
| nothing (every call seen, nothing opaque) | constant | low (network, file writes); medium (a program: its output is returned) |
| data only, never the code (every call seen; no secret or file content) | constant code | low (code execution) |
| nothing | a destination not known statically | the kind's severity |
| not seen by the data-flow analysis | — | the kind's severity |
| anything but a host the model chooses (network) | the services the tool's text names (`api.biorxiv.org`, `…/ols4/…`) | low |
| no argument chooses the host, all seen, no credential file (network) | its own service's base URL (`_own_service`) | low |
| nothing (every call seen), with a call to a named service | a URL found at run time (a link on its page) | low |
| anything but a host the model chooses (network) | those, or hosts set in the server's environment | medium |
| anything but a host the model chooses (network) | a name only the local network resolves (`http://supervisor/…`) | medium |
| the tool's own file parameters (file writes) | the file the caller names (`filename`) | medium |
| nothing, or settings (file writes, every call seen) | a stream opened elsewhere, a path from a setting | medium |

| sent over the network to | the whole environment, a credential file | another file's contents | a secret-looking variable |
| --- | --- | --- | --- |
| a host a tool argument chooses | critical | critical | critical |
| a constant host the tool's text, package and variable never name | critical | high | high |
| a host not known statically (nor configured from the environment) | high | high | no finding |
| the service the tool names (its host, or its SDK) | high | no finding | no finding (`GITHUB_TOKEN`) |
| the provider of the package's own service (`_credential_home`) | high | no finding | no finding (not another service's) |
| a host configured from the environment | no finding | no finding | no finding |
| an OAuth grant's token endpoint (`Evidence.grant`, `grant_home`) | critical, high | no finding | no finding |
| not known statically, for a tool saying it uploads files ("file upload" too) | high | no finding | no finding |

Without any such flow, a tool that reads secrets and reaches the network (the co-occurrence
reasons of `tool-behaviour`) is critical when the flow is unknown (a call the analysis did not
see, values it could not follow, evidence beyond the shown cap) and medium when every network
call was seen and no secret reaches one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from urllib.parse import urlsplit

from mcpvet.behaviour import file_parameters, sensitive, tool_texts
from mcpvet.behaviour.text import split_identifier
from mcpvet.checks.analysis._credential_home import grant_home, own_service_host
from mcpvet.checks.analysis._own_folder import user_place
from mcpvet.checks.analysis._own_service import OwnService, names_service, service_setting
from mcpvet.model import Evidence, Kind, Severity, Tool, argument_source
from mcpvet.sinks.javascript import FS_METADATA as JS_FS_METADATA
from mcpvet.sinks.javascript import SERVER_MAKERS, SERVER_MODULES
from mcpvet.sinks.python import FS_METADATA as PY_FS_METADATA

SECRET_NAME = re.compile(r"TOKEN|SECRET|PASSW|API_?KEY|PRIVATE|CREDENTIAL|AWS_|_KEY\b|AUTH|COOKIE|SESSION", re.I)
CREDENTIAL_FILE = re.compile(r"\.ssh|id_rsa|id_ed25519|id_ecdsa|\.aws|credential|\.netrc|\.npmrc|\.pypirc|\.env\b|"
                             r"passwd|shadow|\.kube|\.docker/config|keychain|\.gnupg|secret|token|\.git-credentials",
                             re.I)
_GENERIC_LABELS = frozenset({"www", "api", "com", "org", "net", "io", "dev", "app", "co", "example", "local",
                             "localhost", "http", "https", "v1", "v2", "cloud", "service", "services"})


def _evidence(tool: Tool, kind: Kind) -> tuple[list[Evidence], bool]:
    """Every evidence item of one kind, those the per-kind cap did not show included when they are
    kept (`Capability.more`), and whether some are not known here at all."""
    items = [e for c in tool.capabilities if c.kind is kind for e in (*c.evidence, *c.more)]
    hidden = any(c.hidden > len(c.more) for c in tool.capabilities if c.kind is kind)
    return items, hidden


_BARE_HOST = re.compile(r"^[\w.-]+(?::\d+)?$")


def constant_destination(ev: Evidence) -> bool:
    """A destination known statically: for a request, a whole URL or a host (`/addons` of a client
    whose base URL is elsewhere names no host)."""
    dest = ev.destination
    if dest is None or dest.endswith("…") or ev.slot_sources:
        return False
    return ev.role != "url" or "://" in dest or bool(_BARE_HOST.match(dest))


def _host_known(ev: Evidence) -> bool:
    """The call's host is known statically: a constant destination, or a URL whose scheme and host
    come before a part built at run time (`https://api.x.example/…`)."""
    return constant_destination(ev) or bool(ev.destination and "://" in ev.destination.split("…")[0])


def local_network_name(destination: str) -> str:
    """The host of a URL when it is a single name with no domain (`http://supervisor/addons`,
    `http://ollama:11434`): only a resolver of the local network answers it (a container's name on
    its network, `/etc/hosts`), so the call stays beside the server. Empty for a dotted or numeric
    host, for loopback names (judged elsewhere) and for a host still open ("http://api…": more of
    its name may follow)."""
    if "://" not in destination:
        return ""
    rest = destination.split("://", 1)[1]
    known = rest.split("…", 1)[0]
    end = min((i for i in (known.find(c) for c in "/:?#") if i >= 0), default=-1)
    if end < 0 and "…" in rest:
        return ""  # the host may go on
    host = (known if end < 0 else known[:end]).lower()
    if not re.fullmatch(r"[a-z][a-z0-9-]*", host) or host == "localhost" or host.endswith("-"):
        return ""
    return host


def _model_chooses_host(ev: Evidence) -> bool:
    """A tool argument reaches the URL of the call."""
    return bool(ev.controlled_by) and ev.role == "url"


def receives_nothing(ev: Evidence) -> bool:
    """The data-flow analysis saw the call, and no tool argument, secret or file reaches it."""
    return ev.data_from == () and not ev.controlled_by and not ev.data_opaque


def carries_arguments(tool: Tool) -> bool:
    """Whether a network call of the tool can send out what the model hands it: a tool argument
    (or the whole arguments object) reaches a call, a file whose path is not known statically is
    sent, or the data-flow analysis did not see some call or could not follow its values. False
    when every call was seen and sends only settings, secrets of its own or files at fixed paths."""
    items, hidden = _evidence(tool, Kind.NETWORK)
    if hidden or not items:
        return True
    for ev in items:
        if ev.data_from is None or ev.data_opaque or ev.controlled_by:
            return True
        # a tool parameter, or a file read at a path not known statically
        if any(d == "file" or argument_source(d) for d in ev.data_from):
            return True
    return False


def quiet_sinks(tool: Tool, kind: Kind) -> str | None:
    """When every sink of `kind` receives nothing and goes to a constant destination: a phrase
    naming the destinations; else None."""
    items, hidden = _evidence(tool, kind)
    if not items or hidden or not all(receives_nothing(e) and constant_destination(e) for e in items):
        return None
    names = list(dict.fromkeys(e.destination or "" for e in items))
    shown = ", ".join(f"`{n}`" for n in names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    return shown


def constant_code(tool: Tool) -> str | None:
    """When every code-running call of the tool runs constant code (its whole text known, no tool
    argument in it, nothing opaque, no secret or file content passed in): the code, quoted; else None."""
    items, hidden = _evidence(tool, Kind.CODE_EXEC)
    if not items or hidden:
        return None
    for e in items:
        if (e.role != "code" or e.controlled_by or e.data_opaque or e.data_from is None or e.destination is None
                or e.destination.endswith("…") or _secret_sources(e)):
            return None
    names = list(dict.fromkeys(e.destination or "" for e in items))
    return ", ".join(f"`{n}`" for n in names[:3])


_IMPORT_SINK = re.compile(r"(?:^|\.)(?:import_module|__import__)$")


def setting_named_imports(tool: Tool) -> str | None:
    """When every code-running call of the tool is an import (`importlib.import_module`) of a module
    named by the server's settings alone (`os.environ["APP_STORE_CLASS"]`, a `module:Class` to plug
    in): the settings, quoted; else None. An import a tool argument names is code injection and
    never this; a value the analysis could not follow, a computed or secret variable neither."""
    items, hidden = _evidence(tool, Kind.CODE_EXEC)
    if not items or hidden:
        return None
    names: list[str] = []
    for e in items:
        if not _IMPORT_SINK.search(e.sink) or e.controlled_by or e.data_opaque or not e.data_from:
            return None
        for d in e.data_from:
            if not d.startswith("env:") or d in ("env:*", "env:?") or SECRET_NAME.search(d[4:]):
                return None
            names.append(d[4:])
    return ", ".join(f"`{n}`" for n in dict.fromkeys(names))


# what a socket does that sends no byte: made, timed, closed (`write`, `end(data)`, `pipe` send); adding a
# listener (`once`, `on`) is no sink at all (`sinks.javascript.LISTENER_METHODS`)
_SOCKET_INERT = frozenset({"Socket", "setTimeout", "destroy", "setNoDelay", "setKeepAlive", "ref", "unref", "address",
                           "setEncoding", "pause", "resume"})


# a server object of Node's own modules made, closed or asked its address: it takes connections only once
# it listens (`http.createServer.listen`, a sink of its own whose host says whether it is this machine only)
_SERVER_INERT = frozenset({"close", "address", "setTimeout", "ref", "unref", "getConnections", "closeAllConnections",
                           "closeIdleConnections"})


def _inert_socket(ev: Evidence) -> bool:
    parts = ev.sink.split(".")
    if len(parts) >= 2 and parts[0] in SERVER_MODULES and parts[1] in SERVER_MAKERS:
        return len(parts) == 2 or parts[2] in _SERVER_INERT
    return len(parts) >= 2 and parts[0] in ("net", "tls") and parts[-1] in _SOCKET_INERT


def this_machine(tool: Tool) -> bool:
    """Every network call of the tool stays on this machine: a connection or request to a loopback host
    that no value reaching it changes (`Evidence.loopback`: a server listening on a loopback host too), or a
    socket's or server's own bookkeeping that sends nothing (`new net.Socket()`, `setTimeout`, `destroy`,
    `http.createServer(handler)` before its `listen`), with no secret or file content in any."""
    items, hidden = _evidence(tool, Kind.NETWORK)
    if hidden or not items or not any(e.loopback for e in items):
        return False
    return all((e.loopback or _inert_socket(e)) and not _secret_sources(e) for e in items)


def undeclared_severity(tool: Tool, kind: Kind, severity: Severity,
                        own: OwnService | frozenset[str] = frozenset(),
                        credentials: tuple[str, ...] = ()) -> tuple[Severity, str]:
    """The severity of an undeclared capability from what flows into its sinks, and a sentence saying why
    (empty when the flow changes nothing). `own`: the package's own service (`_own_service.package_service`;
    its names alone will do); `credentials`: the credential files named next to the tool's reads
    (`ToolSource.credential_paths`)."""
    if kind is Kind.CODE_EXEC and severity > Severity.LOW:
        code = constant_code(tool)
        if code is not None:
            return Severity.LOW, (f" The code it runs is a constant ({code}) that no tool argument, secret or file "
                                  "content changes (they are passed as data): severity low by data flow.")
    if kind is Kind.CODE_EXEC and severity > Severity.LOW:
        settings = setting_named_imports(tool)
        if settings is not None:
            return Severity.LOW, (f" The module it imports is named only by a setting ({settings}) that whoever "
                                  "runs the server sets (a plug-in class as `module:Class`); no tool argument, "
                                  "secret or file content reaches it: severity low by data flow.")
    if kind not in (Kind.NETWORK, Kind.FS_WRITE, Kind.PROCESS) or severity <= Severity.LOW:
        return severity, ""
    if kind is Kind.NETWORK and this_machine(tool):
        return Severity.LOW, (" Every connection it makes goes to this machine (a loopback host no tool argument or "
                              "setting changes) and carries no secret or file content: nothing leaves the machine, "
                              "severity low by data flow.")
    if kind is Kind.FS_WRITE and any(user_place(e.destination) for e in _evidence(tool, kind)[0]):
        return severity, ""  # a shell profile, ~/.ssh, a crontab: a constant write there is no quiet bookkeeping
    where = quiet_sinks(tool, kind)
    if where is None:
        if kind is Kind.NETWORK:
            service = own if isinstance(own, OwnService) else OwnService(own)
            return _named_services(tool, severity, service, credentials)
        if kind is Kind.FS_WRITE:
            return _own_file(tool, severity)
        return severity, ""
    floor = Severity.MEDIUM if kind is Kind.PROCESS else Severity.LOW
    lowered = min(severity, floor, key=lambda s: s.rank)
    return lowered, (f" No tool argument, secret or file content reaches it, and it goes to a constant destination "
                     f"({where}): severity {lowered.value} by data flow.")


_SECOND_LEVEL = frozenset({"co", "com", "gov", "ac", "org", "net", "edu"})


def registered_name(host: str) -> str:
    """The name a host is registered under (`api.biorxiv.org` → `biorxiv`, `x.service.gov.uk` → `service`)."""
    parts = [p for p in host.split(":", 1)[0].split(".") if p]
    if len(parts) < 2 or parts[-1].isdigit():
        return ""
    if len(parts) >= 3 and parts[-2] in _SECOND_LEVEL and len(parts[-1]) == 2:
        return parts[-3]
    return parts[-2]


_VERSION_SUFFIX = re.compile(r"(?<=[a-z])[-_]?v?\d+$")


def mount_name(url: str) -> str:
    """The service a URL's first path segment names, its version number dropped
    (`https://www.ebi.ac.uk/ols4/api/…` → `ols`): a service mounted under its name on a shared host.
    Empty for a generic segment (`/api`, `/v2`) or a segment built at run time."""
    rest = url.split("://", 1)[1] if "://" in url else ""
    parts = re.split(r"[?#]", rest, maxsplit=1)[0].split("/", 2)
    if len(parts) < 2 or "…" in parts[1] or (len(parts) == 2 and url.endswith("…")):
        return ""
    name = _VERSION_SUFFIX.sub("", parts[1].lower()).replace("-", "")
    if len(name) < 3 or not name.isalnum() or name in _GENERIC_LABELS or name in _GENERIC_MOUNTS:
        return ""
    return name


_GENERIC_MOUNTS = frozenset({"rest", "graphql", "search", "query", "data", "public", "static", "files", "download",
                             "downloads", "upload", "uploads", "collect", "track", "event", "events", "hook",
                             "hooks", "webhook", "webhooks", "ingest", "log", "logs", "metrics", "stats", "index",
                             "home", "docs", "content", "assets", "media", "images", "user", "users", "auth"})


def _names(text: str) -> set[str]:
    """The words of a text and each two neighbours run together (`Bright Data` → `brightdata`)."""
    tokens = re.findall(r"[a-z0-9]+", split_identifier(text).lower())
    return set(tokens) | {a + b for a, b in zip(tokens, tokens[1:], strict=False)}


def _service_of(ev: Evidence, text_words: set[str], own: str | None = None,
                pkg: OwnService | None = None) -> tuple[str, str] | None:
    """Who a network call reaches, when that is named or chosen by whoever runs the server: (`text`,
    the service the tool's text names) or (`configured`, a host set in the server's environment);
    None for anything else. The package's name does not count: whoever names the package names its
    hosts (`paste.textutils.example` in `textutils-mcp`). `own`: the name of the package's own
    service the tool's text says ("HA", "Davis"), when it says one: a host set where the server
    runs by a setting that holds the service's address (`LARK_DOMAIN`, `HA_URL`: `service_setting`), or
    one the analysis cannot name that no tool argument chooses, in a package with such a setting (the
    address the server is set up with), is that service (`configured` when the data-flow analysis did
    not see the call: medium, not proven) unless a file on the call's path writes a constant IP
    address, or (for a call seen) a constant host of another name: the address may be that one. A
    constant host still has to be it by name."""
    if _model_chooses_host(ev):
        return None  # the model chooses the host
    if ev.slot_sources:
        # the server's own client class of the service the text names, pointed where whoever runs it says
        # (`httpx.AsyncClient(base_url=self.base)` in `HomeAssistantClient`): that service
        service = _client_service(ev, text_words)
        if service is None and own is not None and any(
                s.startswith("env:") and service_setting(s[4:], _own_names(pkg))
                for s in ev.slot_sources):
            return "text", f"{own}, at the address set where the server runs"
        return ("text", service) if service is not None else ("configured", "a host set in the server's environment")
    if _host_known(ev):
        host = host_of(ev.destination or "")
        # stricter than `named_host`: the name the host is registered under, not any of its labels
        # (`weather-collector.example` is not the service of a weather tool)
        name = registered_name(host).replace("-", "")
        if len(name) >= 3 and name not in _GENERIC_LABELS and name in text_words:
            return "text", f"`{host}`"
        mount = mount_name(ev.destination or "")
        if mount and mount in text_words:
            return "text", f"`{host}` ({mount})"
        local = local_network_name(ev.destination or "")
        if local:  # a service beside the server (a container's name), never one on the internet
            return "configured", f"`{local}`, a name only the local network resolves"
        return None
    service = _sink_service(ev.sink, text_words) or _client_service(ev, text_words)
    if service is None and own is not None and not ev.data_opaque and pkg is not None \
            and pkg.settings:
        ips, others = _other_hosts(ev, pkg)
        setting = pkg.settings[0]
        if not ips and ev.data_from is None:  # the data-flow analysis did not see the call: not proven
            return "configured", f"{own}, at an address the data-flow analysis did not follow"
        if not ips and not others and ev.data_from is not None:
            return "text", f"{own}, at the address the server is set up with ({setting})"
    return ("text", service) if service is not None else None


# words that make a class a client of some service without naming it (`HomeAssistantClient`, `AsyncRestApi`)
_CLIENT_WORDS = frozenset({"client", "api", "session", "connection", "conn", "manager", "service", "wrapper", "rest",
                           "http", "https", "async", "sync", "web", "socket", "websocket", "ws", "base", "sdk",
                           "provider", "adapter", "gateway", "core", "helper", "request", "requests"})


def _client_service(ev: Evidence, words: set[str]) -> str | None:
    """The service named by the class whose method makes a call to a host not known statically, when
    the tool's text names it too (`HomeAssistantClient.guarded_request` in a tool that says "Home
    Assistant"): the server's client of that service, pointed where whoever runs it says. A
    constant host is judged by its name instead (`_service_of`), so a class name never excuses one."""
    if not ev.call_path:
        return None
    for part in re.split(r"[.:]", ev.call_path[-1]):
        if not part[:1].isupper():
            continue
        tokens = split_identifier(part).lower().split()
        while tokens and tokens[-1] in _CLIENT_WORDS:
            tokens.pop()
        while tokens and tokens[0] in _CLIENT_WORDS:
            tokens.pop(0)
        name = "".join(tokens)
        if len(name) >= 4 and name not in _GENERIC_LABELS and name not in _TRANSPORTS and name in words:
            return f"its {part} client"
    return None


def _own_names(own: OwnService | None) -> frozenset[str]:
    return own.names if own is not None else frozenset()


def _carries_credentials(ev: Evidence, credentials: tuple[str, ...]) -> bool:
    """What reaches the call holds a credential file of other tools: a file read whose path is one
    (`file:~/.ssh/id_ed25519`), or a file read whose path is not known in a tool whose code names
    one next to its reads (`~/.aws/credentials` built from `Path.home() / ".aws"`)."""
    for d in ev.data_from or ():
        if d.startswith("file:") and any(h.strong for h in sensitive.find(d[5:])):
            return True
        if d == "file" and credentials:
            return True
    return False


_IP_HOST = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")
_SOURCE_FILE = re.compile(r"\.(?:[cm]?[jt]sx?|py)$")


def _path_files(ev: Evidence, files: Iterable[str]) -> set[str]:
    """The files among `files` the call goes through: its own and those of its call path (`dist/scan.js:warmUp`;
    a Python module `pkg.sync.Mirror.upload` is `pkg/sync.py` or `pkg/sync/__init__.py`)."""
    files = list(files)
    out = {ev.location.path} & set(files)
    for step in ev.call_path:
        head = step.split(":", 1)[0]
        if "/" in head or _SOURCE_FILE.search(head):
            if head in files:
                out.add(head)
            continue
        parts = step.split(".")
        for i in range(1, len(parts) + 1):
            mod = "/".join(parts[:i])
            for suffix in (mod + ".py", mod + "/__init__.py"):
                out |= {f for f in files if f == suffix or f.endswith("/" + suffix)}
    return out


def _other_hosts(ev: Evidence, own: OwnService) -> tuple[list[str], list[str]]:
    """(IP addresses, hosts of other names) written in URLs of the files on the call's path: where an
    address not known statically may point instead of the service's. A host of the service's name
    (`open.feishu.cn`, `homeassistant.local`) and this machine do not count."""
    ips: list[str] = []
    others: list[str] = []
    for path in sorted(_path_files(ev, own.file_hosts)):
        for host in own.file_hosts.get(path, ()):
            if host == "localhost" or host.startswith("127.") or host == "0.0.0.0":
                continue
            if _IP_HOST.match(host):
                ips.append(host)
            elif registered_name(host).replace("-", "") not in own.names and not any(
                    label.replace("-", "") in own.names for label in host.split(".")[:-1]):
                others.append(host)
    return ips, others


def _follows_link(ev: Evidence) -> bool:
    """A request the data-flow analysis saw in full that receives nothing (no tool argument, secret,
    setting or file) and whose URL is not known statically: a link read from a response."""
    return ev.role == "url" and ev.destination is None and receives_nothing(ev) and not ev.slot_sources


def calls_named_services(tool: Tool, own: OwnService, credentials: tuple[str, ...] = ()) -> bool:
    """Every network call of the tool reaches a service its text names (`_named_services` with the text
    alone, no host set where the server runs), all of them shown."""
    severity, _ = _named_services(tool, Severity.HIGH, own, credentials)
    return severity is Severity.LOW


def _named_services(tool: Tool, severity: Severity, own: OwnService,
                    credentials: tuple[str, ...] = ()) -> tuple[Severity, str]:
    """An undeclared network capability whose every call reaches a service the tool's text names
    (bioRxiv's API in "Get preprint details from bioRxiv") is low: the text says what it talks to,
    if not that it is online. Medium when some hosts are set in the server's environment (whoever
    runs it chooses). Unchanged when any call goes elsewhere, or the model chooses the host, or
    evidence is not all shown."""
    items, hidden = _evidence(tool, Kind.NETWORK)
    if not items or hidden:
        return severity, ""
    text_words = _names(" ".join(text for _, text in tool_texts(tool)))
    said = names_service(tool, own.names)
    # the text names the package's service: each of its names is that service's; never for a call that
    # carries another tool's credential file (`~/.ssh/id_ed25519`, `~/.aws/credentials`)
    own_words = text_words | own.names if said is not None else text_words
    found = [_service_of(ev, text_words, None) if said is None or _carries_credentials(ev, credentials)
             else _service_of(ev, own_words, said, own) for ev in items]
    if any(f is not None for f in found):
        # a request that sends nothing of the tool's to a URL the code found at run time (a PDF link on the
        # named service's page) follows that service: with no data in it, it carries nothing away
        found = [f if f is not None or not _follows_link(ev) else ("text", "links it returns")
                 for f, ev in zip(found, items, strict=True)]
    if any(f is None for f in found):
        return severity, ""
    reached = [f for f in found if f is not None]
    names = list(dict.fromkeys(name for _, name in reached))
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    if all(how == "text" for how, _ in reached):
        lowered = min(severity, Severity.LOW, key=lambda s: s.rank)
        return lowered, (f" Every call reaches the service its text names ({shown}): severity {lowered.value}, "
                         f"the text says what it talks to if not that it goes online.")
    lowered = min(severity, Severity.MEDIUM, key=lambda s: s.rank)
    return lowered, (f" Every call reaches a service its text names or a host set where the server runs "
                     f"({shown}): severity {lowered.value}.")


def _own_file(tool: Tool, severity: Severity) -> tuple[Severity, str]:
    """File writes whose every path comes from the tool's own file parameters (`filename` of a tool
    that edits a Word document) change the file the caller names; writes that nothing of the tool's
    reaches are the server's own (a log stream opened at start-up): medium, and said so. Unchanged
    when any write is neither, or evidence is not all shown."""
    items, hidden = _evidence(tool, Kind.FS_WRITE)
    if not items or hidden:
        return severity, ""
    lowered = min(severity, Severity.MEDIUM, key=lambda s: s.rank)
    params = file_parameters(tool)
    if params and all(ev.controlled_by and set(ev.controlled_by) <= params for ev in items):
        named = sorted({p for ev in items for p in ev.controlled_by})
        return lowered, (f" It writes only the file its `{'`, `'.join(named)}` parameter names: severity "
                         f"{lowered.value}; the text does not say the file is changed.")
    if only_server_own_writes(tool):
        return lowered, (f" No tool argument, secret or file content reaches these writes (the server's own log, "
                         f"cache or state, set where it runs): severity {lowered.value}.")
    return severity, ""


def only_server_own_writes(tool: Tool) -> bool:
    """Every file write of the tool goes to a file set where the server runs (its log), all shown."""
    items, hidden = _evidence(tool, Kind.FS_WRITE)
    return bool(items) and not hidden and all(_server_own(ev) for ev in items)


def _server_own(ev: Evidence) -> bool:
    """A write into a file set where the server runs: a stream opened elsewhere that the tool only
    appends to (`createWriteStream(…).write` of a logger; no secret or file's contents in it), or a
    write the data-flow analysis saw in full that nothing of the tool's reaches (no parameter,
    secret or file's contents) with its path from a setting (`env:LOG_FILE`), also through a temporary file
    made beside it and moved into place (`mkstemp(dir=…)` + `os.replace`). A constant text
    written to a path the analysis cannot name (`~/.bashrc`) is neither."""
    if ev.data_from is None or ev.controlled_by:
        return False
    if ev.sink.endswith(_STREAM_WRITES):  # what is logged may hold arguments; where it goes was set before
        return not _secret_sources(ev)
    if ev.data_opaque or user_place(ev.destination) or any(user_place(p) for p in ev.places):
        return False  # one of the places it may be is the user's (`~/.bashrc`): not its own state
    settings = [d for d in ev.data_from if d.startswith("env:")]
    fresh = [d for d in ev.data_from if d == "tmp:fresh"]  # a temporary file it made there (`mkstemp(dir=…)`)
    if len(settings) + len(fresh) != len(ev.data_from) or any(d in ("env:*", "env:?") or SECRET_NAME.search(d[4:])
                                                              for d in settings):
        return False
    return bool(settings)


_STREAM_WRITES = ("createWriteStream.write", "WriteStream.write")


def _secret_sources(ev: Evidence) -> list[str]:
    """The secrets and file contents in what reaches a call."""
    out = []
    for d in ev.data_from or ():
        if d in ("env:*", "env:?") or _file_source(d) or (d.startswith("env:") and SECRET_NAME.search(d[4:])):
            out.append(d)
    return out


def _file_source(d: str) -> bool:
    """What a file read returned (`file`, `file:PATH`); a tool parameter named `filename` is no file."""
    return d == "file" or d.startswith("file:")


def host_of(destination: str) -> str:
    """The host of a destination (a URL, `host:port` or a host), lower case; empty when there is none."""
    text = destination.rstrip("…")
    if "://" in text:
        try:
            return (urlsplit(text).hostname or "").lower()
        except ValueError:
            return ""
    return text.split(":", 1)[0].split("/", 1)[0].lower()


def _own_words(tool: Tool | None, package: str | None) -> set[str]:
    """The words of the tool's text (none for None) and of the package's name."""
    own = (" ".join(text for _, text in tool_texts(tool)) if tool is not None else "") + " " + (package or "")
    return set(re.findall(r"[a-z0-9]+", split_identifier(own).lower()))


def named_host(host: str, words: set[str]) -> bool:
    """The tool's text or its package name names the host's service (`api.github.com`: "GitHub")."""
    labels = [x for x in re.split(r"[.\-]", host) if len(x) >= 3 and x not in _GENERIC_LABELS and not x.isdigit()]
    # `brightdata` for "Bright Data": a label may be two of the text's words run together
    return any(x in words or any(x[:i] in words and x[i:] in words for i in range(3, len(x) - 2)) for x in labels)


@dataclass(frozen=True)
class Leak:
    """Secrets or file contents reaching one network call, and how bad that is."""

    evidence: Evidence
    sources: tuple[str, ...]
    severity: Severity
    where: str  # the destination, in words


def leaks(tool: Tool, package: str | None, package_hosts: frozenset[str] = frozenset()) -> list[Leak]:
    """Secrets and file contents that reach a network call of the tool (table in the module docstring).
    `package_hosts`: the hosts the package's code writes and calls (`mcpvet.checks.analysis._credential_home`)."""
    items, _hidden = _evidence(tool, Kind.NETWORK)
    words: set[str] | None = None
    out: list[Leak] = []
    media = None
    for ev in items:
        sources = _secret_sources(ev)
        if sources and "file" in sources:
            if media is None:
                media = reads_only_media(tool)
            if media:  # what the tool's reads return is the caller's picture, sound or video
                sources = [s for s in sources if s != "file"]
        if not sources or dispatcher_setup(ev.sink):
            continue
        whole = any(s == "env:*" or (s.startswith("file:") and CREDENTIAL_FILE.search(s)) for s in sources)
        files = any(_file_source(s) for s in sources)
        if _model_chooses_host(ev):
            out.append(Leak(ev, tuple(sources), Severity.CRITICAL,
                            f"a host the `{'`, `'.join(ev.controlled_by)}` argument chooses"))
        elif ev.slot_sources:
            continue  # a host configured by whoever runs the server
        elif _host_known(ev):
            host = host_of(ev.destination or "")
            if words is None:
                words = _own_words(tool, package)
            variables = {w for s in sources if s.startswith("env:")
                         for w in re.findall(r"[a-z0-9]+", s[4:].lower().replace("_", " "))}
            if host and named_host(host, words):
                if whole:
                    out.append(Leak(ev, tuple(sources), Severity.HIGH, f"`{host}`, the service it names"))
            elif host and (home := own_service_host(host, sources, package_hosts,
                                                    partial(named_host, words=_own_words(None, package) | variables))):
                # the provider of the service the package or the credential is named after (its identity
                # endpoint, `accounts.google.com` for `notebooklm.google.com`): the credential's home
                if whole:
                    out.append(Leak(ev, tuple(sources), Severity.HIGH,
                                    f"`{host}`, the provider of `{home}`, the service it names"))
            elif host and ev.grant and not whole and grant_home(host, sources):
                continue  # a token exchanged at the identity provider the package signs in at (an OAuth grant)
            elif whole:
                out.append(Leak(ev, tuple(sources), Severity.CRITICAL, f"`{host or ev.destination}`, a host it never names"))
            elif files or not (host and (named_host(host, variables) or _joined_variable(host, sources))):
                out.append(Leak(ev, tuple(sources), Severity.HIGH, f"`{host or ev.destination}`, a host it never names"))
        elif whole or files:
            if ev.grant and not whole:
                continue  # a token exchanged at the identity provider the package is set up with: signing in
            if not whole and says_it_sends_files(tool) and any(argument_source(d) for d in ev.data_from or ()):
                continue  # "Upload a file …": the file the caller names, sent where the server is set up to send it
            if words is None:
                words = _own_words(tool, package)
            service = _sink_service(ev.sink, words)
            if service is None:
                out.append(Leak(ev, tuple(sources), Severity.HIGH, "a host not known statically"))
            elif whole:
                out.append(Leak(ev, tuple(sources), Severity.HIGH, f"{service}, the service it names"))
    return out


_METADATA_READS = JS_FS_METADATA | PY_FS_METADATA


def reads_only_media(tool: Tool) -> bool:
    """Every read of the tool that returns the contents of a file not known whole is held to pictures, sounds
    or videos (`Evidence.contents`): `file` reaching a call is the caller's media. Also none is hidden, and
    no read is one the data flow did not see (a read it saw of a path it did not follow is "any")."""
    items, hidden = _evidence(tool, Kind.FS_READ)
    kinds = {ev.contents for ev in items}
    # a read the data flow gave no contents site (a call it has no slot for, a semgrep hit it does not model)
    # is not known to return media, unless it tells only whether a file is there or reads one known whole
    unknown = any(ev.contents is None and ev.sink.rsplit(".", 1)[-1] not in _METADATA_READS
                  and not (ev.destination and not ev.destination.endswith("…")) for ev in items)
    return not hidden and not unknown and "media" in kinds and "any" not in kinds


# a tool that says it sends files: a verb of sending a few words before a file-like thing ("Upload a file
# for use in markdown", "Attach a document to the issue", `upload_markdown`)
_SENDS_FILES = re.compile(
    r"\b(?:upload|attach|send|share|publish|submit|transfer)(?:s|es|ed|ing)?\b(?:\W+\w+){0,4}?\W+"
    r"(?:files?|attachments?|documents?|docs?|images?|photos?|pictures?|media|pdfs?|markdown|uploads?)\b"
    # the noun: "file: Local file upload" (a source type of a tool adding sources to a notebook)
    r"|\b(?:files?|documents?|images?|photos?|pdfs?|attachments?)\s+uploads?\b", re.I)


def says_it_sends_files(tool: Tool) -> bool:
    """The tool's name, description or schema say it uploads, attaches or sends a file (its stated job)."""
    return any(_SENDS_FILES.search(split_identifier(text)) for _, text in tool_texts(tool))


# connection settings of an HTTP stack (a dispatcher, an agent, a proxy): made with a CA file or a proxy
# URL from the environment, they send nothing themselves; what is sent goes through a request
_DISPATCHERS = frozenset({"Agent", "ProxyAgent", "EnvHttpProxyAgent", "RetryAgent", "HttpsProxyAgent",
                          "HttpProxyAgent", "SocksProxyAgent", "setGlobalDispatcher"})
_DISPATCHER_MODULES = frozenset({"undici", "http", "https", "https-proxy-agent", "http-proxy-agent",
                                 "socks-proxy-agent", "proxy-agent"})


def dispatcher_setup(sink: str) -> bool:
    """`undici.ProxyAgent`, `https.Agent`, `new HttpsProxyAgent(url)`: a JavaScript HTTP stack's
    connection settings, not a request."""
    module, _, member = sink.rpartition(".")
    return member in _DISPATCHERS and module in _DISPATCHER_MODULES


# HTTP and socket libraries: their name says nothing of the service a call reaches
_TRANSPORTS = frozenset({"requests", "httpx", "aiohttp", "urllib", "urllib3", "http", "https", "socket", "websockets",
                         "websocket", "grpc", "httplib2", "pycurl", "treq", "niquests", "curl_cffi", "session",
                         "client", "asyncclient", "axios", "got", "undici", "node-fetch", "superagent", "needle",
                         "ky", "net", "tls", "dgram", "fetch"})


def _sink_service(sink: str, words: set[str]) -> str | None:
    """The service a service SDK's call reaches when the tool's text or package names it
    (`atlassian.Confluence.create_page` in a tool that says "Confluence"), else None."""
    parts = sink.split(".")
    # the package and its first member (`googleapis.google`), and class names (`atlassian.Confluence`)
    names = [p.lower() for p in parts[:2]] + [p.lower() for p in parts[2:] if p[:1].isupper()]
    if names[0] in _TRANSPORTS:
        return None
    provider = sdk_provider(parts[0])
    names.append(provider)
    names.extend(SDK_VENDORS.get(provider, ()))
    for name in names:
        if len(name) >= 4 and name not in _TRANSPORTS and name not in _GENERIC_LABELS and name in words:
            return f"the {parts[0]} SDK"
    return None


# the company behind an SDK family, which a tool's text names as often as the family
# ("Authenticate with Microsoft account" for `@azure/msal-node`)
SDK_VENDORS: dict[str, tuple[str, ...]] = {
    "azure": ("microsoft",), "msal": ("microsoft",), "msgraph": ("microsoft",),
    "aws": ("amazon",), "boto3": ("amazon", "aws"), "botocore": ("amazon", "aws"),
    "firebase": ("google",), "googleapis": ("google",),
}

_SDK_SUFFIX = re.compile(r"(?:api)?client$|sdk$|api$")


def sdk_provider(module: str) -> str:
    """The provider an SDK package is named after (`googleapiclient` → `google`, `google_auth_httplib2`
    → `google`, `@google-cloud/storage` → `google`, `boto3` → `boto3`): its first word, a client or
    SDK suffix taken off."""
    first = re.split(r"[_\-/@]+", module.lower().lstrip("@"))[0]
    stripped = _SDK_SUFFIX.sub("", first)
    return stripped if len(stripped) >= 4 else first


def _joined_variable(host: str, sources: list[str]) -> bool:
    """`SEMANTIC_SCHOLAR_API_KEY` names `api.semanticscholar.org`."""
    labels = set(re.split(r"[.\-]", host))
    for s in sources:
        if s.startswith("env:"):
            words = s[4:].lower().split("_")
            for i in range(len(words)):
                for j in range(i + 1, len(words) + 1):
                    joined = "".join(words[i:j])
                    if (j > i + 1 and joined in labels) or (len(joined) >= 6 and any(
                            x.startswith(joined) and 0 < len(x) - len(joined) <= 4 for x in labels)):
                        return True  # also `OPENWEATHER_API_KEY` for `api.openweathermap.org`
    return False


def flow_unknown(tool: Tool) -> bool:
    """Whether a secret could reach a network call of the tool unseen: a call the data-flow analysis
    did not see, values it could not follow, or evidence not shown."""
    items, hidden = _evidence(tool, Kind.NETWORK)
    return hidden or not items or any(e.data_from is None or e.data_opaque for e in items)


def describe(found: Iterable[Leak]) -> str:
    parts = []
    for leak in found:
        ev = leak.evidence
        parts.append(f"{', '.join(leak.sources)} reach {ev.sink} at {ev.location.path}:{ev.location.line}, "
                     f"sent to {leak.where}")
    return "; ".join(parts)
