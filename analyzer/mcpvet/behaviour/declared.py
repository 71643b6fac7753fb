"""Which capability kinds a tool admits to, from its name, title, description, schema and annotations.

Deterministic: the lexicon (`behaviour.lexicon`) is matched against clause-split, stemmed text;
a cue under a negation in its clause ("does not access the network", "without reading files") does
not count. Every declared kind carries the cues that justify it, e.g. `"URL" in description`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from mcpvet.behaviour.commands import process_starts, program_of
from mcpvet.behaviour.lexicon import (
    CHANGE_VERBS,
    DENIALS,
    PARAMETERS,
    PHRASES,
    SCHEMA_FORMATS,
    VERB_OBJECT,
    WRITTEN_FILE_PREFIXES,
    Phrase,
)
from mcpvet.behaviour.text import Token, clauses, negated, split_identifier, stem
from mcpvet.model import DeclaredCapability, Kind, Tool, argument_source

_KIND_ORDER = {k: i for i, k in enumerate(Kind)}
_CODE_QUALIFIERS = frozenset(stem(w) for w in ("source", "python", "js", "javascript", "program", "script", "user"))


def annotation(tool: Tool, camel: str) -> Any:
    """An MCP tool annotation by its protocol (camelCase) name, accepting the snake_case spelling too."""
    ann = tool.annotations or {}
    if camel in ann:
        return ann[camel]
    snake = "".join("_" + c.lower() if c.isupper() else c for c in camel)
    return ann.get(snake)


# what `tool_texts` and `explain` found for the tools last asked about, by the tool object itself: every
# check asks again for the same tools (explain: three times a tool, tool_texts: about twenty). A tool
# is frozen and its texts and schema are not changed once the frontends made it. The tool is kept with
# its answer (an entry is used only for that very object, never for a later one at the same address).
_MEMO_SIZE = 2048
_TEXTS: dict[int, tuple[Tool, tuple[tuple[str, str], ...]]] = {}
_EXPLAINED: dict[tuple[int, str | None], tuple[Tool, tuple[tuple[Kind, tuple[str, ...]], ...]]] = {}


def tool_texts(tool: Tool) -> Iterator[tuple[str, str]]:
    """(where, text) for every human-readable text of a tool that can admit to a capability."""
    hit = _TEXTS.get(id(tool))
    if hit is None or hit[0] is not tool:
        if len(_TEXTS) >= _MEMO_SIZE:
            _TEXTS.clear()
        hit = _TEXTS[id(tool)] = (tool, tuple(_tool_texts(tool)))
    return iter(hit[1])


def _tool_texts(tool: Tool) -> Iterator[tuple[str, str]]:
    yield "name", split_identifier(tool.name)
    if tool.title:
        yield "title", tool.title
    ann_title = annotation(tool, "title")
    if isinstance(ann_title, str):
        yield "title", ann_title
    if tool.description:
        yield "description", tool.description
    for pname, prop in schema_properties(tool.input_schema):
        for key in ("description", "title"):
            value = prop.get(key)
            if isinstance(value, str):
                yield f"parameter `{pname}` {key}", value


def schema_properties(schema: Any, prefix: str = "", depth: int = 0) -> Iterator[tuple[str, dict[str, Any]]]:
    """(dotted name, property schema) of every property, nested objects and array items included."""
    if not isinstance(schema, dict) or depth > 8:
        return
    props = schema.get("properties")
    if isinstance(props, dict):
        for name in sorted(props, key=str):
            prop = props[name]
            if not isinstance(prop, dict):
                continue
            full = f"{prefix}{name}"
            yield full, prop
            yield from schema_properties(prop, f"{full}.", depth + 1)
    items = schema.get("items")
    if isinstance(items, dict):
        yield from schema_properties(items, prefix, depth + 1)
    for key in ("anyOf", "oneOf", "allOf"):
        alts = schema.get(key)
        if isinstance(alts, list):
            for alt in alts:
                yield from schema_properties(alt, prefix, depth + 1)


def _match_at(clause: tuple[Token, ...], i: int, words: tuple[str, ...]) -> bool:
    if i + len(words) > len(clause):
        return False
    return all(clause[i + j].stem == w for j, w in enumerate(words))


_BY_FIRST: dict[str, list[Phrase]] = {}
for _p in PHRASES:
    _BY_FIRST.setdefault(_p.words[0], []).append(_p)

# the denials by their first word: only those can match where a clause's token has that stem
_DENIALS_BY_FIRST: dict[str, list[tuple[tuple[str, ...], Kind]]] = {}
for _words, _kind in DENIALS:
    _DENIALS_BY_FIRST.setdefault(_words[0], []).append((_words, _kind))


def _phrase_matches(clause: tuple[Token, ...]) -> Iterator[tuple[int, Phrase]]:
    for i, tok in enumerate(clause):
        for phrase in _BY_FIRST.get(tok.stem, ()):
            if _match_at(clause, i, phrase.words):
                yield i, phrase


# "your AWS CLI config file", "the Docker compose file": a service or program named right before
# a file noun only says what kind of file it is
_FILE_NOUNS = frozenset({stem(w) for w in ("file", "folder", "directory", "dir", "path")})
_NOT_FILE_KINDS = frozenset({Kind.NETWORK, Kind.ENV, Kind.PROCESS})


def _names_a_file(clause: tuple[Token, ...], end: int, phrase: Phrase) -> bool:
    if not set(phrase.kinds) <= _NOT_FILE_KINDS:
        return False
    return any(clause[k].stem in _FILE_NOUNS for k in range(end, min(len(clause), end + 3)))


# a file system path written in the text: `~/.chatvault`, `/var/lib/app/notes`
_PATH_IN_TEXT = re.compile(r"(?<![\w.:/~-])(~[/\\][^\s)\]'\"`,;]*|/(?:[\w.-]+/)+[\w.-]*)")
_WRITE_VERBS = re.compile(r"\b(?:save[sd]?|saving|writes?|writing|stores?|storing|creates?|creating|deletes?|"
                          r"deleting|removes?|removing|updates?|updating|appends?|appending|overwrites?)\b", re.I)


def _path_cues(text: str) -> Iterator[tuple[Kind, str]]:
    """A path written in a description admits to file access there (writing, with a write verb)."""
    m = _PATH_IN_TEXT.search(text)
    if m is None:
        return
    path = m.group(0).rstrip(".")
    yield Kind.FS_READ, f"path {path}"
    if _WRITE_VERBS.search(text):
        yield Kind.FS_WRITE, f"path {path} with a write verb"


# words that carry no content: a verb and its object count as near across them ("Replaces the
# content of one page in a local .drawio file": replaces … file is five words apart, not eleven)
_FUNCTION_WORDS = frozenset({"the", "a", "an", "of", "in", "on", "at", "to", "for", "from", "into", "one", "its",
                             "their", "this", "that", "these", "those", "each", "every", "any", "some", "given",
                             "your", "my", "our"})


def _distance(clause: tuple[Token, ...], a: int, b: int) -> int:
    """Words from position `a` to `b` of a clause, function words between them not counted."""
    lo, hi = min(a, b), max(a, b)
    return 1 + sum(1 for t in clause[lo + 1:hi] if t.word not in _FUNCTION_WORDS)


def _clause_cues(clause: tuple[Token, ...]) -> Iterator[tuple[Kind, str]]:
    for i, phrase in _phrase_matches(clause):
        end = i + len(phrase.words)
        if end < len(clause) and clause[end].stem in phrase.unless_next:
            continue
        if _names_a_file(clause, end, phrase):
            continue
        if i > 0 and clause[i - 1].stem in phrase.unless_prev:
            continue
        if negated(clause, i):
            continue
        for kind in phrase.kinds:
            yield kind, phrase.label
    for rule in VERB_OBJECT:
        verbs = [i for i, t in enumerate(clause) if t.stem in rule.verbs]
        objects = [i for i, t in enumerate(clause) if t.stem in rule.objects]
        for v in verbs:
            near = [o for o in objects if o != v and _distance(clause, v, o) <= rule.window and (o > v or not rule.ordered)]
            if near and not negated(clause, min(v, near[0])):
                label = f"{clause[v].word} … {clause[near[0]].word}" if near[0] > v else \
                    f"{clause[near[0]].word} … {clause[v].word}"
                for kind in rule.kinds:
                    yield kind, label
                break


@functools.lru_cache(maxsize=8192)
def _text_cues(text: str) -> tuple[tuple[Kind, str], ...]:
    out: list[tuple[Kind, str]] = []
    # a path's own words (`~/.aws/config`) say where a file is, not what the tool does: `_path_cues`
    for clause in clauses(_PATH_IN_TEXT.sub(" ", text)):
        out.extend(_clause_cues(clause))
    return tuple(out)


_CODE_SPAN = re.compile(r"`([^`\n]{2,200})`")
_COMMAND_WORD = re.compile(r"[a-z][a-z0-9_.+-]*")
# programs a user recognises as commands when a description writes them in backticks
_PROGRAMS = frozenset({
    "ping", "traceroute", "tracert", "nslookup", "dig", "curl", "wget", "ssh", "scp", "rsync", "git", "gh", "docker",
    "kubectl", "helm", "terraform", "npm", "npx", "pnpm", "yarn", "node", "deno", "bun", "python", "python3", "pip",
    "pip3", "uv", "uvx", "poetry", "cargo", "go", "make", "cmake", "gcc", "java", "mvn", "gradle", "dotnet", "ls",
    "cat", "grep", "rg", "find", "sed", "awk", "jq", "tar", "zip", "unzip", "ffmpeg", "pandoc", "convert", "magick",
    "osascript", "open", "xdg-open", "systemctl", "journalctl", "ps", "kill", "top", "df", "du", "lsof", "netstat",
    "ifconfig", "ip", "brew", "apt", "apt-get", "yum", "dnf", "sh", "bash", "zsh", "pwsh", "powershell", "psql",
    "mysql", "sqlite3", "redis-cli", "mongosh", "aws", "gcloud", "az", "gsutil", "heroku", "vercel", "wrangler",
    "flyctl", "ollama", "nmap", "whois", "say", "pbcopy", "pbpaste", "xclip", "screencapture", "adb", "xcrun",
})
KNOWN_PROGRAMS = _PROGRAMS


def backtick_commands(text: str) -> list[str]:
    """Programs a description writes as a command in backticks (`ping -c 1 host`, `git status`):
    the first word of a code span, when it is a known program followed by arguments or stands alone."""
    found = []
    for m in _CODE_SPAN.finditer(text):
        words = m.group(1).strip().split()
        if words and _COMMAND_WORD.fullmatch(words[0]) and words[0] in _PROGRAMS:
            found.append(words[0])
    return sorted(set(found))


_RUN_NAMED = re.compile(r"\b(?:run|runs|running|execute|executes|executing|invoke|invokes|invoking|calls|using|"
                        r"uses|with)\s+`?([a-z][a-z0-9_.+-]*)", re.I)


def named_programs(text: str) -> set[str]:
    """Programs a text names as commands: the first word of a code span followed by arguments or a
    known program (`lean --profile`, `rg`), and a word right after a verb of running ("runs ripgrep")."""
    found = set()
    for m in _CODE_SPAN.finditer(text):
        words = m.group(1).strip().split()
        if words and _COMMAND_WORD.fullmatch(words[0]) and (len(words) > 1 or words[0] in _PROGRAMS):
            found.add(program_of(m.group(1)) or words[0])
    found.update(m.group(1).lower() for m in _RUN_NAMED.finditer(text))
    return found


def programs_run_as_named(tool: Tool) -> list[tuple[str, str]]:
    """(program, command line) of every program the tool's code starts, when each one is a program its
    text names as a command ("Run `lean --profile`" for `lake env lean --profile …`, a known launcher
    passed over); empty when any start's program is not known statically or not named, or evidence
    was not all kept. Calls on a started process (`Popen.wait`, `.kill`) start nothing."""
    starts = process_starts(tool)
    if not starts:
        return []
    named: set[str] = set()
    for where, text in tool_texts(tool):
        if where != "name":
            named |= named_programs(text)
    out = []
    for e in starts:
        program = program_of(e.destination or "")
        if program is None or program not in named:
            return []
        out.append((program, e.destination or ""))
    return sorted(set(out))


def _change_verb(tool: Tool) -> str | None:
    """A verb of changing a document's content ("Add footnote …", `insert_row`) in the tool's name,
    title or description, not negated: the word, or None."""
    for where, text in tool_texts(tool):
        if where.startswith("parameter"):
            continue
        for clause in clauses(text):
            for i, tok in enumerate(clause):
                if tok.stem in CHANGE_VERBS and not negated(clause, i):
                    return tok.word
    return None


_SCRATCH_SINK = re.compile(r"^tempfile\.|(?:^|\.)mkdtemp(?:Sync)?$")


def edited_file(tool: Tool) -> tuple[str, tuple[str, ...]] | None:
    """(verb, parameters) when the tool says it changes something ("Add footnote with robust
    validation") and every file write of its code goes to the file its own file parameters name
    (`filename`: the path is made from that parameter and from no other argument or setting), all
    writes seen: the tool changes the document the caller names, its stated job. None otherwise
    (a write the parameter does not name, a path not followed, no verb of changing)."""
    writes = [e for c in tool.capabilities if c.kind is Kind.FS_WRITE for e in (*c.evidence, *c.more)]
    if not writes or any(c.hidden > len(c.more) for c in tool.capabilities if c.kind is Kind.FS_WRITE):
        return None
    params = file_parameters(tool)
    if not params:
        return None
    named: set[str] = set()
    for ev in writes:
        if _SCRATCH_SINK.search(ev.sink) and not ev.controlled_by:
            continue  # a temporary file it makes for itself (`mkstemp`), then moved over the document
        if ev.controlled_by:
            chosen = set(ev.controlled_by)
        elif ev.data_from is not None and not ev.data_opaque and ev.destination is None:
            # the path slot's parameters are not told apart (and no constant path is known): then what
            # reaches the call at all
            chosen = {d for d in ev.data_from if argument_source(d)}
            if any(d.startswith("env:") for d in ev.data_from):
                return None
        else:
            return None
        if not chosen or not chosen <= params or any(d.startswith("env:") for d in ev.slot_sources):
            return None
        named |= chosen
    verb = _change_verb(tool)
    return (verb, tuple(sorted(named))) if verb is not None else None


def text_cues(text: str) -> list[tuple[Kind, str]]:
    """Every (kind, cue label) a text admits to, negated cues left out (pure: cached per text,
    since the checks ask again for the same tools' texts)."""
    return list(_text_cues(text))


def denied_kinds(text: str) -> set[Kind]:
    """Kinds a text explicitly denies ("offline", "no network access")."""
    return set(_denied_kinds(text))


@functools.lru_cache(maxsize=8192)
def _denied_kinds(text: str) -> frozenset[Kind]:
    found: set[Kind] = set()
    for clause in clauses(text):
        for i, tok in enumerate(clause):
            for words, kind in _DENIALS_BY_FIRST.get(tok.stem, ()):
                if _match_at(clause, i, words):
                    found.add(kind)
        for i, phrase in _phrase_matches(clause):
            if negated(clause, i):
                found.update(phrase.kinds)
    return frozenset(found)


def _parameter_cues(tool: Tool) -> Iterator[tuple[Kind, str]]:
    for pname, prop in schema_properties(tool.input_schema):
        leaf = pname.rsplit(".", 1)[-1]
        words = [stem(w) for w in split_identifier(leaf).lower().split()]
        if not words:
            continue
        last = words[-1]
        kinds = PARAMETERS.get(last, ())
        if last == stem("code") and len(words) > 1 and words[-2] not in _CODE_QUALIFIERS:
            kinds = ()
        for kind in kinds:
            yield kind, f"parameter `{pname}`"
        if Kind.FS_READ in kinds and len(words) > 1 and words[0] in WRITTEN_FILE_PREFIXES:
            yield Kind.FS_WRITE, f"parameter `{pname}`"
        fmt = prop.get("format")
        if isinstance(fmt, str):
            for kind in SCHEMA_FORMATS.get(fmt.lower(), ()):
                yield kind, f"parameter `{pname}` has format `{fmt}`"


def file_parameters(tool: Tool) -> set[str]:
    """The input schema's parameters that name a file or folder (`filename`, `output_path`, `dir`)."""
    return {pname.rsplit(".", 1)[-1] for pname, _ in schema_properties(tool.input_schema)
            if Kind.FS_READ in PARAMETERS.get(_last_word(pname), ())}


def _last_word(pname: str) -> str:
    words = split_identifier(pname.rsplit(".", 1)[-1]).lower().split()
    return stem(words[-1]) if words else ""


def package_cues(package: str) -> list[tuple[Kind, str]]:
    """Kinds the package's own name admits to for every tool: only names of services and programs
    ("server-github", "mcp-server-sqlite", "server-puppeteer"), never generic words like "fetch"."""
    return list(_package_cues(package))


@functools.lru_cache(maxsize=64)
def _package_cues(package: str) -> tuple[tuple[Kind, str], ...]:  # the same for every tool of a package
    out: list[tuple[Kind, str]] = []
    for clause in clauses(split_identifier(package)):
        for _, phrase in _phrase_matches(clause):
            if phrase.service:
                out += [(kind, phrase.label) for kind in phrase.kinds]
    return tuple(out)


def _brand_words(package: str) -> frozenset[str]:
    """The words of a package's name that may name a service (`dynatrace` of
    `@dynatrace-oss/dynatrace-mcp-server`): not the generic ones (mcp, server, oss…), four letters or more."""
    words = set(split_identifier(package.split("/")[-1]).lower().split())
    words |= set(split_identifier(package.split("/")[0].lstrip("@")).lower().split())
    return frozenset(w for w in words - _GENERIC_NAME_WORDS - _GENERIC_PACKAGE_WORDS if len(w) >= 4 and w.isalpha())


_GENERIC_PACKAGE_WORDS = frozenset({"oss", "labs", "community", "unofficial", "lite", "plus", "pro", "core", "cli",
                                    "sdk", "python", "typescript", "bridge", "connector", "integration"})
# the service named as a place or a platform: "known on Dynatrace", "sent to Acme", "in the Acme
# platform", "the Acme Environment (Tenant)"
_TO_PLACE = re.compile(r"\b(?:on|from|to|via|at|using|through|into)\s+(?:the\s+|your\s+|a\s+)?$", re.I)
_PLATFORM_NOUN = re.compile(r"^\s+(?:API|APIs|platform|environment|tenant|cloud|instance|account|workspace|"
                            r"server|service|SaaS|backend)\b", re.I)
# a named remote service the tool uses: "using Davis CoPilot AI", "through the Acme Cloud API"
_NAMED_SERVICE = re.compile(r"\b(?:using|via|through|with|by)\s+(?:the\s+)?((?:[A-Z][\w-]*\s+){0,3}[A-Z][\w-]*)\s+"
                            r"(?:AI|API|APIs|Cloud|LLM|service|platform)\b")


def named_own_service(tool: Tool, package: str) -> list[tuple[str, str]]:
    """(where, name) when the tool's description, title or a parameter's text names a remote
    service: the service its package is named after, written capitalised as a place or platform
    ("List all exceptions known on Dynatrace", "in the Dynatrace platform" in `dynatrace-mcp-server`;
    a word of the package's name that is never written in lower case as a word of those texts, so
    `memory` of `basic-memory` is a common word), or a capitalised name followed by AI, API, Cloud or
    service after a verb of using ("using Davis CoPilot AI"). The tool's name does not count."""
    texts = [(where, text) for where, text in tool_texts(tool) if where != "name"]
    found: list[tuple[str, str]] = []
    for where, text in texts:
        m = _NAMED_SERVICE.search(text)
        if m is not None:
            found.append((where, f"{m.group(1)} {text[m.end(1):m.end()].strip()}"))
            break
    for brand in sorted(_brand_words(package)):
        pattern = re.compile(rf"(?<![\w.@/-]){re.escape(brand)}(?![\w-]|\.\w)", re.I)
        named: list[tuple[str, str]] = []
        common = False
        for where, text in texts:
            for m in pattern.finditer(text):
                word = m.group(0)
                if word.islower():
                    common = True
                elif word[0].isupper() and (_TO_PLACE.search(text[:m.start()]) or _PLATFORM_NOUN.match(text[m.end():])):
                    named.append((where, word))
        if named and not common:
            found.append(named[0])
    return found


def explain(tool: Tool, package: str | None = None) -> dict[Kind, list[str]]:
    """Kind -> sorted reasons, e.g. {network: ['"URL" in description', 'parameter `url`']}.

    `package`: the package (server) name; a service or program it names ("github", "sqlite")
    counts for every tool, the way a user reads a tool in the context of the server installed.
    (A new dict and lists every time: callers may change them.)
    """
    hit = _EXPLAINED.get((id(tool), package))
    if hit is None or hit[0] is not tool:
        if len(_EXPLAINED) >= _MEMO_SIZE:
            _EXPLAINED.clear()
        hit = _EXPLAINED[(id(tool), package)] = (tool, tuple((k, tuple(v)) for k, v in _explain(tool, package).items()))
    return {k: list(v) for k, v in hit[1]}


def _explain(tool: Tool, package: str | None) -> dict[Kind, list[str]]:
    reasons: dict[Kind, set[str]] = {}
    for where, text in tool_texts(tool):
        for kind, label in text_cues(text):
            reasons.setdefault(kind, set()).add(f'"{label}" in {where}')
        if where != "name":
            for kind, label in _path_cues(text):
                reasons.setdefault(kind, set()).add(f"{label} in {where}")
    for kind, reason in _parameter_cues(tool):
        reasons.setdefault(kind, set()).add(reason)
    if annotation(tool, "openWorldHint") is True:
        reasons.setdefault(Kind.NETWORK, set()).add("annotation openWorldHint: true")
    if annotation(tool, "destructiveHint") is True:
        reasons.setdefault(Kind.FS_WRITE, set()).add("annotation destructiveHint: true")
    for where, text in tool_texts(tool):
        if where != "name":
            for program in backtick_commands(text):
                reasons.setdefault(Kind.PROCESS, set()).add(f"command `{program}` written in {where}")
    if Kind.FS_WRITE not in reasons:
        edited = edited_file(tool)
        if edited is not None:
            verb, params = edited
            reasons[Kind.FS_WRITE] = {f'"{verb}" with the file its `{"`, `".join(params)}` parameter names, '
                                      "the only file it writes"}
    if Kind.PROCESS not in reasons:
        run = programs_run_as_named(tool)
        if run:
            reasons[Kind.PROCESS] = {f"command `{name}` named in its text (run as `{line}`)" for name, line in run}
    if package:
        for kind, label in package_cues(package):
            reasons.setdefault(kind, set()).add(f'"{label}" in package name')
        for where, brand in named_own_service(tool, package):
            reasons.setdefault(Kind.NETWORK, set()).add(
                f'"{brand}" in {where}, the service the package is named after')
    if Kind.NETWORK in reasons and Kind.ENV not in reasons:
        # a tool that admits to using a remote service is expected to read that service's key or address;
        # reading the whole environment is still caught by the exfiltration-path rule
        reasons[Kind.ENV] = {"settings or credentials of the network service it admits to"}
    return {k: sorted(v) for k, v in sorted(reasons.items(), key=lambda kv: _KIND_ORDER[kv[0]])}


# `FIRECRAWL_API_KEY`, `BRAVE_SEARCH_TOKEN`: a credential named after a service (first word)
_SERVICE_CREDENTIAL = re.compile(
    r"\b([A-Z][A-Z0-9]{2,})_(?:[A-Z0-9]+_)*(?:API_?KEY|TOKEN|SECRET|ACCESS_KEY|AUTH|PASSWORD|KEY)\b")
_GENERIC_NAME_WORDS = frozenset({"mcp", "server", "servers", "tool", "tools", "api", "client", "the", "model",
                                 "context", "protocol", "node", "py", "js", "ts", "app", "my", "official"})


def own_service_credentials(tool: Tool, package: str | None, code_lines: Iterable[str]) -> list[str]:
    """Credentials the tool's code reads that are named after the service its own name or package
    names (`FIRECRAWL_API_KEY` read by `firecrawl_scrape` of `firecrawl-mcp`): an API client using
    its own key, which a user installing that server expects."""
    words = set(split_identifier(tool.name).lower().split())
    if package:
        words |= set(split_identifier(package.split("/")[-1]).lower().split())
        words |= set(split_identifier(package.split("/")[0].lstrip("@")).lower().split())
    words -= _GENERIC_NAME_WORDS
    found = {m.group(0) for line in code_lines for m in _SERVICE_CREDENTIAL.finditer(line)
             if m.group(1).lower() in words}
    return sorted(found)


def declared_capabilities(tool: Tool, package: str | None = None,
                          code_lines: Iterable[str] = ()) -> tuple[DeclaredCapability, ...]:
    """The kinds the tool admits to, each with the words or fields that justify it (sorted, deterministic).

    `package` (optional): the package or server name, whose service names count for every tool.
    `code_lines` (optional): the source lines where the tool reads the environment; a credential
    named after the tool's own service admits to using that service (network) with its key (env).
    """
    reasons = explain(tool, package)
    own = own_service_credentials(tool, package, code_lines)
    if own:
        why = f"reads {', '.join(own[:3])}, the credential of the service its name names"
        for kind in (Kind.NETWORK, Kind.ENV):
            reasons[kind] = sorted({*reasons.get(kind, []), why})
        reasons = dict(sorted(reasons.items(), key=lambda kv: _KIND_ORDER[kv[0]]))
    return tuple(DeclaredCapability(kind, tuple(r)) for kind, r in reasons.items())


def with_declared_capabilities(tool: Tool, package: str | None = None, code_lines: Iterable[str] = ()) -> Tool:
    """`tool` with its `declared_capabilities` filled in (`declared_capabilities(tool, package, code_lines)`).
    What `explain` and `tool_texts` found for `tool` stays found for the new object: neither reads the
    declared capabilities, the only field that differs."""
    out = replace(tool, declared_capabilities=declared_capabilities(tool, package, code_lines))
    hit = _TEXTS.get(id(tool))
    if hit is not None and hit[0] is tool:
        _TEXTS[id(out)] = (out, hit[1])
    for (ident, pkg), (kept, reasons) in list(_EXPLAINED.items()):
        if ident == id(tool) and kept is tool:
            _EXPLAINED[(id(out), pkg)] = (out, reasons)
    return out


def tool_denials(tool: Tool, package: str | None = None, admitted: Iterable[Kind] | None = None) -> set[Kind]:
    """Kinds the tool's description explicitly denies (and does not admit elsewhere).
    `admitted`: the kinds of `explain(tool, package)`, when the caller has them already."""
    denied: set[Kind] = set()
    for _, text in tool_texts(tool):
        denied |= denied_kinds(text)
    return denied - set(explain(tool, package) if admitted is None else admitted)
