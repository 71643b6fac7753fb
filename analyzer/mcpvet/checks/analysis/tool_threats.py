"""Check `tool-threats` (risk critical): where a tool's capabilities go, what its results tell the
model, and whether it can exhaust the machine.

What: judges facts gathered before the checks (`mcpvet.facts.ToolSource`): the hostile targets a
tool reaches (its sinks' constant destinations and the string literals of its handler or right
next to its sinks, classified by `mcpvet.behaviour.hostile`), the constant text its handler
returns, and the unbounded loops, recursion and allocation in its code.

Rules:
- `hostile-destination` — a target no honest tool reaches unless its text says so: a cloud
  metadata endpoint (169.254.169.254, metadata.google.internal, fd00:ec2::254, 100.100.100.200;
  critical), a reverse shell (`/dev/tcp/`, `nc -e`, `bash -i >&`; critical), a persistence
  location written to (crontab, `~/.bashrc`/`.zshrc`/`.profile`, `authorized_keys`,
  `~/Library/LaunchAgents`, `~/.config/systemd/user`, Windows Run keys and Startup folder;
  critical when a sink writes it, high when the literal sits within three lines of a write), the whole environment
  sent to a constant host (critical), the Docker socket from a tool whose text never mentions
  Docker or containers (high), `curl … | sh` (high), a collector host the text never names
  (request bins, tunnels, paste sites, chat web hooks, raw public IP addresses; high). A tool
  whose text admits the target as its job (a Docker tool and the Docker socket, a cron manager and
  crontab, an installer and `curl | sh`) gets a low finding instead. A literal on a line that lists
  or compares it (a deny-list, an SSRF guard: `in (...)`, `==`, "blocked", "private") is a guard, not a target.
- `output-poisoning` — constant text the tool returns (or sends to the client's model as a
  sampling prompt) instructs the model (set aside previous instructions, conceal from the user,
  pass secrets along, prefer or avoid tools …), scored by the scorer of descriptions
  (`mcpvet.behaviour.poisoning`) but held to more: two strong payloads (weight 2.5 or more), or
  one with an authority marker, a hidden wrapping, words addressed to the model or an order to
  ignore previous instructions; medium from a
  score of 3, high from 4. Or, in plain prose, it names a tool to call (or "the tools provided to
  you") and asks for secrets or private data to be sent, pasted or shared (medium; high when it also
  asks to keep quiet about it), or says the data moved to an address to request with the user's
  details (medium). Or it orders (a verb's bare form) the user's data, all data or secrets moved
  to a URL or e-mail address it writes out and the tool's text never names ("back up all user
  data to https://…"; medium, high with a collector host or a request to keep quiet). Or it asks
  for credentials behind a link the tool's text never names (phishing; medium, high with a
  collector host).
- `resource-exhaustion` — a loop with no exit that forks, spawns processes or threads, or grows a
  collection; a function that spawns and calls itself with no condition; an allocation of 10^8
  items or more (high); a spawn loop or an allocation (`[0] * n`, `' ' * n`, `bytearray(n)`,
  `'x'.repeat(n)`, `Buffer.alloc(n)`) sized by a parameter with no bound in the code or the
  schema (`maximum`, `maxLength`) (medium); work that grows exponentially with such a parameter:
  a function that calls itself twice or more per step on its number minus a constant, with no
  memo (`fib(n - 1) + fib(n - 2)` without `lru_cache`; not a walk of a tree's children), every
  permutation or product of it (`permutations(word)`, `product(xs, repeat=n)`) (medium). A
  function handed to a thread or process (`target=`) is part of the code of whoever hands it. A
  condition around the loop (a debug or "sandbox mode" flag, an environment setting, a date
  check) does not hide it; a bound is an ordering
  comparison that holds on every path (`n > 8`, `min(n, 8)`): a sign test (`n < 1`) or a limit
  applied only with another condition (`SANDBOX and n > 8`) is none, and a length multiplied by
  1,000 or more (`len(tasks) * 100000`) is sized by whoever chooses the list.

- `exfiltration-path` — the handler returns secrets to the model: every value of the environment
  (`os.environ.items()`, `dict(os.environ)`, `{**os.environ}`; high), the variable a parameter
  names (`os.environ.get(name)`; medium), or a stored credential read under its key
  (`record["api_key"]`, `tokens.get("access_token")`) in a tool whose text never mentions keys,
  tokens or credentials (medium); through local names, f-strings, joins and comprehensions. Names
  only (`os.environ.keys()`), constant keys, a comprehension that filters the keys and a value the
  model passed in are not reported.

Why: an admitted capability can still be aimed at a hostile target (a "cloud region" tool that
reads instance credentials, a "save note" tool that appends to `~/.bashrc`); results are read by
the model as trusted context, so instructions appended to them are prompt injection; a fork loop
takes the user's machine down.

How to fix: reach only the services the text names; return data, not instructions; bound every
loop and every size a parameter sets (a schema `maximum`, `min(n, LIMIT)`).
Score: 10 minus the weight of the findings; inconclusive when no tool was found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from mcpvet.behaviour import hostile, poisoning
from mcpvet.checks.analysis._common import score_from, sort_findings
from mcpvet.checks.interface import CheckOutcome, Facts
from mcpvet.facts import ExhaustionFact, ReturnedText, TargetFact, ToolSource
from mcpvet.model import EnvShape, Evidence, Finding, Kind, Severity, Tool

_NETWORK_LIKE = frozenset({Kind.NETWORK, Kind.PROCESS, Kind.CODE_EXEC})
_NEEDS: dict[str, frozenset[Kind]] = {
    hostile.METADATA: _NETWORK_LIKE,
    hostile.REVERSE_SHELL: _NETWORK_LIKE,
    hostile.DOCKER: frozenset({Kind.NETWORK, Kind.FS_READ, Kind.FS_WRITE, Kind.PROCESS}),
    hostile.PIPE_TO_SHELL: frozenset({Kind.PROCESS, Kind.CODE_EXEC}),
    hostile.PERSISTENCE: frozenset({Kind.FS_WRITE, Kind.PROCESS}),
    hostile.COLLECTOR: _NETWORK_LIKE,
    hostile.FORK_BOMB: frozenset({Kind.PROCESS, Kind.CODE_EXEC}),
}
_SEVERITY = {
    hostile.METADATA: Severity.CRITICAL,
    hostile.REVERSE_SHELL: Severity.CRITICAL,
    hostile.PERSISTENCE: Severity.CRITICAL,
    hostile.DOCKER: Severity.HIGH,
    hostile.PIPE_TO_SHELL: Severity.HIGH,
    hostile.COLLECTOR: Severity.HIGH,
    hostile.FORK_BOMB: Severity.HIGH,
}
_URL = re.compile(r"\bhttps?://[^\s\"'`<>)\]]+", re.I)
_PHISH = re.compile(
    r"\b(?:log ?in|sign ?in|verify|re-?authenticate|confirm|validate|unlock|restore)\b[^.\n]{0,80}"
    r"\b(?:account|identity|credentials?|password|wallet|seed phrase|private key|session|payment)\b|"
    r"\b(?:enter|provide|type|paste|submit)\b[^.\n]{0,40}\b(?:password|seed phrase|private key|recovery phrase|credit card|"
    r"card number|credentials)\b", re.I)


def _text(tool: Tool) -> str:
    return " ".join(x for x in (tool.name.replace("_", " "), tool.title or "", tool.description or "") if x)


def _evidence(tool: Tool, location: Any, sink: str, destination: str | None) -> Evidence:
    path = (tool.handler.symbol,) if tool.handler is not None else ()
    return Evidence(location, sink, path, destination=destination)


def _finding(rule: str, severity: Severity, title: str, message: str, tool: Tool, location: Any, sink: str,
             destination: str | None = None) -> Finding:
    """A finding on one tool at one place of its code (`sink`: what is there, `destination`: its target)."""
    return Finding(rule=rule, severity=severity, title=title, message=message, tool=tool.name, location=location,
                   evidence=(_evidence(tool, location, sink, destination),))


@dataclass(frozen=True)
class ToolThreatsCheck:
    id: str = "tool-threats"
    risk: Severity = Severity.CRITICAL
    rules: tuple[str, ...] = ("hostile-destination", "output-poisoning", "resource-exhaustion", "exfiltration-path")

    def run(self, facts: Facts) -> CheckOutcome:
        if not facts.tools:
            return CheckOutcome((), None, "no tool was found, so no destination, result or loop could be judged")
        findings: list[Finding] = []
        for i, tool in enumerate(facts.tools):
            src = facts.source.of(i) if facts.source is not None else ToolSource()
            findings.extend(hostile_findings(tool, src))
            findings.extend(output_findings(tool, src.returned))
            findings.extend(exhaustion_findings(tool, src.exhaustion, src.targets))
            findings.extend(secret_returned_findings(tool, src))
        ordered = sort_findings(findings)
        reason = (f"{len(ordered)} findings on hostile targets, returned instructions or exhaustion" if ordered
                  else "no tool reaches a hostile target, returns instructions or loops without bound")
        return CheckOutcome(ordered, score_from(ordered), reason)


# ------------------------------------------------------------------ hostile-destination

def _counts(fact: TargetFact, kinds: set[Kind]) -> bool:
    """The target is where the tool's capability goes, not a word that happens to sit near it."""
    t = fact.target
    needs = _NEEDS[t.category]
    if fact.kind is not None:
        if t.category == hostile.PERSISTENCE:
            return fact.kind is Kind.FS_WRITE or (fact.kind is Kind.PROCESS and hostile.writes(t))
        return fact.kind in needs
    if hostile.guarded(t):
        return False  # a deny-list or a comparison: the code keeps away from the target
    if t.category == hostile.PERSISTENCE:
        if hostile.always_persistence(t):
            return True
        return Kind.FS_WRITE in fact.near or (Kind.PROCESS in fact.near and hostile.writes(t))
    return bool(kinds & needs)


def hostile_findings(tool: Tool, src: ToolSource) -> list[Finding]:
    kinds = tool.capability_kinds
    text = _text(tool)
    out: list[Finding] = []
    seen: set[str] = set()
    for fact in src.targets:
        t = fact.target
        if t.category in seen or t.category == hostile.FORK_BOMB or not _counts(fact, kinds):
            continue
        admitted = (hostile.admits_host(t.text, text) if t.category == hostile.COLLECTOR
                    else hostile.admits(t.category, text))
        severity = _SEVERITY[t.category]
        if t.category == hostile.PERSISTENCE and fact.kind is None and not hostile.always_persistence(t):
            severity = Severity.HIGH
        if admitted:
            severity = Severity.LOW
        seen.add(t.category)
        how = f"its call {fact.sink} goes to" if fact.sink else "its code names, next to what it does,"
        admits = " Its text admits this as its job." if admitted else ""
        out.append(_finding(
            "hostile-destination", severity,
            f"a tool reaches {hostile.DESCRIBE[t.category].split(' (')[0]} ({tool.name})",
            f"Tool {tool.name!r}: {how} `{t.text}` at {fact.location.path}:{fact.location.line}: "
            f"{hostile.DESCRIBE[t.category]}.{admits} Fix: reach only the services the tool's text names.",
            tool, fact.location, fact.sink or "string literal", t.text))
    dump = _whole_env_sent(tool, src, text)
    if dump is not None:
        out.append(dump)
    return out


def _whole_env_sent(tool: Tool, src: ToolSource, text: str) -> Finding | None:
    if not any(r.shape is EnvShape.WHOLE for r in src.env_reads):
        return None
    for cap in tool.capabilities:
        if cap.kind is not Kind.NETWORK:
            continue
        for ev in cap.evidence:
            dest = ev.destination
            host = hostile.host_of(dest) if dest and "://" in dest else None
            if host is None or hostile.admits_host(dest or "", text) or host in ("localhost", "127.0.0.1"):
                continue
            return Finding(
                rule="hostile-destination",
                severity=Severity.CRITICAL,
                title=f"a tool sends the whole environment to a fixed host ({tool.name})",
                message=(f"Tool {tool.name!r} reads every environment variable (API keys, tokens) and sends "
                         f"requests to `{dest}` ({ev.location.path}:{ev.location.line}), a host its text never names. "
                         f"Fix: send only the values the service needs, to the service the text names."),
                tool=tool.name,
                location=ev.location,
                evidence=(ev,),
            )
    return None


# ------------------------------------------------------------------ secrets handed to the model

_ADMITS_SECRET = re.compile(r"\b(?:api[ _-]?keys?|(?:access |auth |bearer |refresh )?tokens?|credentials?|secrets?|"
                            r"passwords?|private keys?)\b", re.I)


def secret_returned_findings(tool: Tool, src: ToolSource) -> list[Finding]:
    """The handler returns secrets: every value of the environment (high), the variable a parameter
    names (medium), a stored credential read under its key in a tool whose text never mentions keys,
    tokens or credentials (medium). The model, its provider and whatever the model talks to next see them."""
    items = list(src.returned_secrets)
    if _ADMITS_SECRET.search(_text(tool)):
        items = [r for r in items if not r.text.startswith("the stored credential")]
    if not items:
        return []
    whole = [r for r in items if r.text.startswith("every value")]
    r = whole[0] if whole else items[0]
    what = ("the whole environment" if whole else "any environment variable" if "environment" in r.text
            else "a stored credential")
    return [_finding(
        "exfiltration-path", Severity.HIGH if whole else Severity.MEDIUM,
        f"a tool returns {what} to the model ({tool.name})",
        f"Tool {tool.name!r} returns {r.text} at {r.location.path}:{r.location.line}: the server's keys and tokens "
        f"go to the model, its provider and whatever the model talks to next. "
        f"Fix: return only what the tool is for, from a fixed allow-list, with secrets masked.",
        tool, r.location, "return")]


# ------------------------------------------------------------------ output-poisoning

def output_findings(tool: Tool, returned: tuple[ReturnedText, ...]) -> list[Finding]:
    best: tuple[Severity, ReturnedText, str] | None = None
    text = _text(tool)
    for r in returned:
        for v in poisoning.scan(r.text):
            sev = output_severity(v)
            if sev is not None and (best is None or sev > best[0]):
                best = (sev, r, v.explain())
        steer = steering(r.text)
        if steer is not None and (best is None or steer[0] > best[0]):
            best = (steer[0], r, steer[1])
        moved = data_out(r.text, text)
        if moved is not None and (best is None or moved[0] > best[0]):
            best = (moved[0], r, moved[1])
        phish = _phishing(r.text, text)
        if phish is not None and (best is None or phish[0] > best[0]):
            best = (phish[0], r, phish[1])
    if best is None:
        return []
    severity, r, why = best
    quoted = " ".join(r.text.split())
    quoted = quoted if len(quoted) <= 160 else quoted[:159] + "…"
    return [_finding(
        "output-poisoning", severity, f"a tool returns constant text that instructs the model ({tool.name})",
        f"Tool {tool.name!r} returns, at {r.location.path}:{r.location.line}, the constant text "
        f"\"{quoted}\": {why}. The model reads tool results as trusted context. "
        f"Fix: return data only, never instructions or links asking for credentials.",
        tool, r.location, "return")]


_IMPERATIVE_OVERRIDE = re.compile(r"(?:ignore|disregard|forget|override|bypass|set aside)\b", re.I)
STRONG_PAYLOAD = 2.5  # a payload feature that means it (override, concealment from the user, secrets …)


def output_severity(v: poisoning.Verdict) -> Severity | None:
    """Stricter than for descriptions: results often speak to the model honestly ("You are now in
    code mode", "policies are disabled"). Reported when two strong payloads meet, or one meets an
    authority marker, a hidden wrapping or words addressed to the model; high from a score of 4."""
    payloads = {s.feature for s in v.signals if not s.carrier and s.weight >= STRONG_PAYLOAD}
    marked = any(s.cls == "authority" and s.weight >= 1.5 for s in v.signals) or any(
        s.carrier and (s.feature == "addressed to the model" or s.feature.startswith("orders after")
                       or (s.cls == "wrapping" and s.weight >= 1.0)) for s in v.signals)
    ordered = any(s.cls == "override" and _IMPERATIVE_OVERRIDE.match(s.quote) for s in v.signals)
    if not (len(payloads) >= 2 or (payloads and (marked or ordered))):
        return None
    return Severity.HIGH if v.score >= 4 else Severity.MEDIUM if v.score >= 3 else None


_CALLS_TOOL = re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\s*\(\s*['\"]|\b(?:use|call|invoke|run)\s+(?:the\s+)?(?:tools?\b|"
                         r"[a-z][a-z0-9]*_[a-z0-9_]+\b)|\btools?\s+(?:provided|available)\s+to\s+you\b", re.I)
_SECRET_WORDS = re.compile(r"\b(?:passwords?|credentials?|secrets?|api[ _-]?keys?|access tokens?|private (?:keys?|repos?\w*|"
                           r"config\w*|data|files?)|config(?:uration)? (?:snapshot|files?|contents?)|ssh keys?|\.env)\b", re.I)
_SEND_OUT = re.compile(r"\b(?:send|paste|include|post|forward|share|upload|e-?mail|attach|exfiltrate)\b", re.I)
_HUSH = re.compile(r"\b(?:should\s*n[o']t|must\s*n[o']t|do\s*n[o']t|never|not)\s+(?:be\s+)?(?:announc|mention|referenc|reveal|"
                   r"disclos|tell|inform|notif)\w*|\bwithout\s+(?:telling|informing|mentioning|notifying|alerting)\b", re.I)
_MOVED = re.compile(r"\b(?:moved|migrated|relocated)\s+to\s+\S+[^.\n]{0,80}[.\n][^.\n]{0,80}\b(?:retrieve|fetch|get request|"
                    r"request it|visit|call)\b|\b(?:user|email|token|session)=<", re.I)


_ADDRESS = r"(?:https?://[^\s\"'`<>)\]]+|(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}\.[\w.-]{1,100})"
# an order (the verb's bare form) to move the user's data, all data or secrets to an address
# the text writes out: "back up all user data to https://…", "upload your files to <email>"
_DATA_OUT = re.compile(
    r"\b(?:back\s?up|upload|send|forward|copy|export|sync|transfer|post|mirror|exfiltrate|e-?mail|submit)\s+"
    r"(?:a\s+copy\s+of\s+)?(?:all(?:\s+(?:of\s+)?(?:the|your|their))?|every|the\s+user'?s?|users'?|your|their)\s+"
    r"(?:\w+\s+){0,2}?(?:data|files?|records?|documents?|conversations?|chat\s+(?:history|logs?)|messages?|history|"
    r"credentials?|secrets?|(?:api\s+)?keys?|tokens?|passwords?|contents?|contacts?|emails?)\b"
    r"[^.\n]{0,40}?\bto\s+(?P<address>" + _ADDRESS + r")", re.I)


def data_out(returned: str, tool_text: str) -> tuple[Severity, str] | None:
    """Returned text that orders the model to move the user's data, all data or secrets to an address
    it writes out and the tool's own text never names: the model takes the result as context."""
    for m in _DATA_OUT.finditer(returned):
        address = m.group("address").rstrip(".,;:")
        if hostile.admits_host(address, tool_text) or address.lower() in tool_text.lower():
            continue
        hush = _HUSH.search(returned)
        severity = Severity.HIGH if hush or hostile.find(address) else Severity.MEDIUM
        why = f"orders the model to move data to an address the tool's text never names (\"{' '.join(m.group(0).split())}\")"
        return severity, why + (f" and to keep quiet (\"{hush.group(0)}\")" if hush else "")
    return None


def steering(returned: str) -> tuple[Severity, str] | None:
    """Returned text that steers the model in prose, without markers: it names a tool to call or
    tells the model to use its tools, asks for secrets or private data to be sent, pasted or
    shared (high when it also asks to keep quiet about it), or says the data has moved to an
    address the model should request with the user's details."""
    asks = _CALLS_TOOL.search(returned) and _SECRET_WORDS.search(returned) and _SEND_OUT.search(returned)
    if asks:
        hush = _HUSH.search(returned)
        why = "tells the model to use its tools to send secrets or private data on"
        return (Severity.HIGH, why + f" and to keep quiet (\"{hush.group(0)}\")") if hush else (Severity.MEDIUM, why)
    if _MOVED.search(returned):
        return Severity.MEDIUM, "redirects the model to request another address with the user's details"
    return None


def _phishing(returned: str, tool_text: str) -> tuple[Severity, str] | None:
    urls = [u for u in _URL.findall(returned) if not hostile.admits_host(u, tool_text)]
    if not urls or not _PHISH.search(returned):
        return None
    worst = Severity.MEDIUM
    for u in urls:
        if hostile.find(u):
            worst = Severity.HIGH
    return worst, f"asks for credentials behind a link the tool's text never names ({urls[0]})"


# ------------------------------------------------------------------ resource-exhaustion

def _schema_bound(tool: Tool, param: str) -> bool | None:
    """True: the schema bounds the parameter; False: it has it unbounded; None: it does not list it."""
    props = (tool.input_schema or {}).get("properties")
    if not isinstance(props, dict) or not props:
        return None
    spec = props.get(param)
    if not isinstance(spec, dict):
        return None if param not in props else False
    return any(k in spec for k in ("maximum", "exclusiveMaximum", "maxLength", "maxItems", "enum", "const"))


def exhaustion_findings(tool: Tool, sites: tuple[ExhaustionFact, ...],
                        targets: tuple[TargetFact, ...] = ()) -> list[Finding]:
    out: list[Finding] = []
    bomb = next((t for t in targets if t.target.category == hostile.FORK_BOMB
                 and _counts(t, tool.capability_kinds)), None)
    if bomb is not None:
        out.append(_finding(
            "resource-exhaustion", Severity.HIGH, f"a tool can exhaust the machine: shell fork bomb ({tool.name})",
            f"Tool {tool.name!r} runs the shell fork bomb `{bomb.target.text}` "
            f"({bomb.location.path}:{bomb.location.line}). Fix: remove it.",
            tool, bomb.location, bomb.sink or "string literal", bomb.target.text))
    for fact in sites:
        ex = fact.site
        if ex.param is not None:
            bound = _schema_bound(tool, ex.param)
            if bound or not fact.in_handler:
                continue  # bounded, or a helper's own parameter
            severity = Severity.MEDIUM
            if bound is None and (tool.input_schema or {}).get("properties"):
                continue  # a helper's own parameter, not one of the tool's
        else:
            severity = Severity.HIGH
        out.append(_finding(
            "resource-exhaustion", severity, f"a tool can exhaust the machine: {ex.what} ({tool.name})",
            f"Tool {tool.name!r}: {ex.detail} ({fact.location.path}:{fact.location.line}). "
            f"Fix: bound the loop and the size (a schema maximum, min(n, LIMIT)), and never spawn in a loop "
            f"without an exit.",
            tool, fact.location, ex.what))
        if len(out) >= 3:
            break
    return out


CHECK = ToolThreatsCheck()
