"""The names of the package's own service (issue 13): a tool naming it is talking about that service.

A server built for one service calls it by the names its package gives it, not only by the words
of its package's name: `ha-mcp` is "Home Assistant" and "HA", `@dynatrace-oss/dynatrace-mcp-server`
is "Dynatrace" and its "Davis AI", `@larksuiteoapi/lark-mcp` is "Feishu/Lark". The names are read
from the package's own facts, never from a list of brands:

* the words of its package name (four letters or more, the generic ones left out: `dynatrace`, `lark`);
* the proper names of its description (package.json `description`, the wheel's `Summary`,
  pyproject's `description`), of its `server.json` (`title`, `description`) and of its README's
  first heading: a run of capitalised words joined (`Home Assistant` → `homeassistant`), and a
  single capitalised word only when the texts never write it in lower case (`Davis`, not `Access`);
* the initials of a name of two or more words (`HA` for Home Assistant), and a short word of the
  package name or the prefix of a setting that holds a base URL (`HA_URL`, `DT_ENVIRONMENT`,
  `LARK_DOMAIN`) when it abbreviates one of those names (`dt`: d…t of `dynatrace`).

A tool's text names the service when one of those names is a word of it (a name of three letters or
fewer only written in capitals, "HA"; a longer one not only in lower case, so "notebook" never names
NotebookLM and a common word of a description names nothing). Used by `_flow_severity`: a call of
such a tool whose host is the service's configured base URL (its registered name, a client class
of it, a host set by a setting that holds the service's address, `service_setting`, or the address
the server is set up with in a package that has such a setting, when no file on the call's path
writes a constant IP address or another constant host: `OwnService`) reaches the service its text
names. A constant host of another name (a telemetry host, a hard-coded third party), a constant IP
address, and a call carrying another tool's credential file never do.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from mcpvet.behaviour import tool_texts
from mcpvet.behaviour.text import split_identifier
from mcpvet.facts import Facts
from mcpvet.facts.selftext import ADDRESS_WORDS
from mcpvet.model import Kind, Tool

# words of names and descriptions that name no service
_GENERIC = frozenset({
    "mcp", "server", "servers", "tool", "tools", "api", "apis", "client", "the", "model", "context", "protocol",
    "node", "py", "js", "ts", "app", "my", "official", "oss", "labs", "community", "unofficial", "lite", "plus",
    "pro", "core", "cli", "sdk", "python", "typescript", "bridge", "connector", "integration", "openapi", "ai",
    "llm", "llms", "deprecated", "remote", "local", "access", "complete", "control", "full", "fully", "open",
    "platform", "service", "services", "plugin", "plugins", "agent", "agents", "data",
    "json", "http", "https", "rest", "url", "web", "ide", "a", "an", "and", "or", "for", "of", "to", "with", "via",
    "in", "on", "by", "from", "it", "its", "your", "this", "that", "use", "using", "migrate", "support", "new",
})
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")
# a word standing alone in prose (not part of `dynatrace-for-ai`, `list_davis_analyzers`, a path or a host)
_PROSE_WORD = re.compile(r"(?<![\w./@-])[A-Za-z][A-Za-z0-9]*(?![\w/@-]|[.-]\w)")


def _package_words(package: str) -> list[str]:
    words = split_identifier(package.split("/")[-1]).lower().split()
    words += split_identifier(package.split("/")[0].lstrip("@")).lower().split()
    return [w for w in dict.fromkeys(words) if w.isalpha() and w not in _GENERIC]


def _runs(text: str, heading: bool = False) -> list[list[str]]:
    """Runs of capitalised words (`Home Assistant`), split at generic words and punctuation; a
    single word that starts a sentence is no name (`Search the web`)."""
    out: list[list[str]] = []
    run: list[str] = []
    start = not heading  # the next word starts a sentence
    run_at_start = False
    for m in re.finditer(r"[A-Za-z][A-Za-z0-9]*|[^A-Za-z0-9\s]+", text):
        word = m.group(0)
        if word[0].isalpha() and word[0].isupper() and word.lower() not in _GENERIC:
            if not run:
                run_at_start = start
            run.append(word)
            start = False
            continue
        if run and not (len(run) == 1 and run_at_start):
            out.append(run)
        run = []
        start = not heading and (bool(re.fullmatch(r"[^A-Za-z0-9]*[.!?:][^A-Za-z0-9]*", word))
                                 or (start and not word[0].isalnum()))
    if run and not (len(run) == 1 and run_at_start):
        out.append(run)
    return out


def _lower_words(texts: Iterable[str]) -> set[str]:
    """The words the texts write in lower case, standing alone in prose (common words, not names)."""
    return {w for t in texts for w in _PROSE_WORD.findall(t) if w.islower()}


def _address_prefix(setting: str) -> tuple[str, bool]:
    """A setting's name without the last words that say it holds an address (`LARK_DOMAIN` → `lark`),
    joined and lower case, and whether there were any."""
    words = setting.lower().split("_")
    stripped = False
    while words and words[-1] in ADDRESS_WORDS:
        words.pop()
        stripped = True
    return "".join(words), stripped


def _abbreviates(short: str, name: str) -> bool:
    """`ha` of `homeassistant` (its initials, given) or `dt` of `dynatrace` (its first letter, then
    the others in order)."""
    if not short or short[0] != name[0] or len(short) >= len(name):
        return False
    rest = iter(name[1:])
    return all(c in rest for c in short[1:])


def service_names(package: str | None, descriptions: Iterable[str] = (), titles: Iterable[str] = (),
                  settings: Iterable[str] = ()) -> frozenset[str]:
    """The names of the package's own service, lower case (module docstring). `descriptions`: the
    package's and server.json's descriptions (sentences); `titles`: server.json's title and the
    README's first heading (names: a capitalised word there is one even first); `settings`: the
    environment variables whose values reach a network call's host."""
    titles = list(titles)
    names: set[str] = set()
    short: set[str] = set()
    texts = [t for t in descriptions if t]
    lower = _lower_words([*texts, *titles])
    for w in _package_words(package or ""):
        if w in lower or w + "s" in lower:
            continue  # a common word (`chart` of a package "for generating charts")
        (names if len(w) >= 4 else short).add(w)
    initials: set[str] = set()
    for text, heading in [*((t, False) for t in texts), *((t, True) for t in titles if t)]:
        for run in _runs(text, heading):
            joined = "".join(run).lower()
            if len(run) >= 2:
                names.add(joined)
                initials.add("".join(w[0] for w in run).lower())
                continue
            word = run[0]
            if len(word) >= 3 and word.lower() not in lower and (len(word) >= 4 or word.isupper()):
                names.add(joined)
    names = {n for n in names if n.isalnum() and n not in _GENERIC}
    for s in short:
        if s in initials or any(_abbreviates(s, n) for n in names):
            names.add(s)
    for setting in settings:
        prefix, _ = _address_prefix(setting)
        if len(prefix) >= 2 and prefix not in _GENERIC and (
                prefix in names or prefix in initials or any(_abbreviates(prefix, n) for n in names)):
            names.add(prefix)
    return frozenset(names)


def names_service(tool: Tool, names: frozenset[str]) -> str | None:
    """The name of the package's service the tool's text (its name aside) says, as written; else None."""
    if not names:
        return None
    texts = [text for where, text in tool_texts(tool) if where != "name"]
    common = _lower_words(texts)
    for text in texts:
        # words of prose, not of an identifier, a setting's name or a host (`NOTEBOOKLM_QUERY_TIMEOUT`,
        # `list_davis_analyzers`, `api.lark.example`)
        for m in re.finditer(r"(?<![\w.$])[A-Za-z][A-Za-z0-9]*(?:[ -][A-Z][A-Za-z0-9]*)*(?![\w$(]|\.\w)", text):
            phrase = m.group(0)
            parts = re.split(r"[ -]", phrase)
            for i in range(len(parts)):
                for j in range(i + 1, min(len(parts), i + 3) + 1):
                    written = " ".join(parts[i:j])
                    key = "".join(parts[i:j]).lower()
                    if key not in names or key in common:
                        continue  # not a name, or a word the text also writes in lower case
                    if len(key) <= 3 and not written.isupper():
                        continue
                    if len(key) > 3 and written.islower():
                        continue
                    return written
    return None


def service_setting(setting: str, names: frozenset[str]) -> bool:
    """A setting that holds the address of the service: its last word says it holds an address and
    the rest is one of the service's names (`LARK_DOMAIN`, `DT_ENVIRONMENT`, `HA_URL`; not
    `LARK_TOOLS`, not `INSIGHTS_URL` of a TODO finder)."""
    prefix, stripped = _address_prefix(setting)
    return stripped and prefix in names


@dataclass(frozen=True)
class OwnService:
    """What a package says of its own service: its names (`service_names`), the settings that hold
    its address (`service_setting`: where whoever runs the server points it), and the hosts each of
    the package's files writes in URLs (`FileScan.hosts`: a second constant host or an IP address
    the address not known statically may be)."""

    names: frozenset[str] = frozenset()
    settings: tuple[str, ...] = ()
    file_hosts: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


def package_service(facts: Facts) -> OwnService:
    """The package's own service from its facts: `service_names` of its name, the texts gathered from
    its manifest, server.json and README (`SourceFacts.package_texts`) and its settings (those that
    reach its network calls' hosts, those its tools read, those its README documents for an
    address); which of those settings hold the service's address; its files' URL hosts."""
    tree = facts.tree
    package = (tree.name if tree is not None and tree.name else None) or facts.target.name or None
    source = facts.source
    descriptions, titles = source.package_texts if source is not None else ((), ())
    settings = {s[4:] for tool in facts.tools for c in tool.capabilities if c.kind is Kind.NETWORK
                for ev in (*c.evidence, *c.more) for s in ev.slot_sources
                if s.startswith("env:") and s not in ("env:*", "env:?")}
    if source is not None:
        settings |= set(source.package_settings)
        settings |= {k for ts in source.tools for k in ts.env_keys}
    names = service_names(package, descriptions, titles, sorted(settings))
    own = tuple(sorted(s for s in settings if service_setting(s, names)))
    hosts = {path: scan.hosts for path, scan in source.scans.items() if scan.hosts} if source is not None else {}
    return OwnService(names, own, hosts)
