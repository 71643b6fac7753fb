"""Check `description-text` (risk high): is the text the model reads free of hidden instructions?

What: scans every tool's name, title, description and every string of its input schema (property
names, descriptions, defaults, enums …): the text an MCP client hands to the model verbatim.

Rules:
- `tool-poisoning` (high, or medium on weaker signs) — instructions addressed to the model, in any
  wrapping (tags, `[BRACKETS]`, HTML/Markdown/code comments, Markdown emphasis): authority and role
  claims (`SYSTEM:`, `[ADMIN OVERRIDE]`, "you are now …"), role-play directives, appeals to set aside
  previous instructions or safety rules, concealment ("do not tell the user", "silently"),
  instructions to obey whatever a tool returns, requests to read or pass secrets, files or the
  conversation into a parameter. Scored by `mcpvet.behaviour.poisoning` (features, weights and
  thresholds documented there); the finding names the field and quotes the words.
- `tool-shadowing` (high, or medium) — instructions about other tools or servers ("when sending
  email with any tool, always BCC …"), and tool-preference manipulation ("do not use other tools",
  "other tools are unreliable", "this tool must be called before any other tool").
- `sensitive-path` — credential paths (`~/.ssh`, `.aws/credentials`, `mcp.json` …) named in the
  text: high with a `tool-poisoning` finding or when hidden, medium when the text also asks something
  of the model too weakly to report or has a shadowing finding, low when the path is only named.
- `hidden-unicode` — Unicode tag characters (high; the hidden text is decoded and shown),
  bidi overrides (high), zero-width characters, other bidi controls, ANSI escapes, variation
  selector runs, other invisibles and mixed-script tool names (medium).
- `encoded-payload` (medium) — long base64 or hex blobs in the text.
- `dynamic-description` — the description comes from the environment, a file or the network at
  run time (medium: what was reviewed may not be what the model gets), or could not be computed
  statically or only in part (low: it was not reviewed). Medium too when the code changes a tool's
  description after registering it (a "rug pull"): `fn.__doc__ = …` in a function a tool's handler
  runs, on a timer, or at module level below the registration; `tool.description = …` or
  `.update(description=…)` on a tool looked up in the registry (`get_tool("name")`, `_tools[…]`)
  or from a handler's code (`mcpvet.facts.mutations`, `mcpvet.facts.rugpull`). The new text, when
  constant, is scanned like the description (`tool-poisoning` names it "description set …"). Low
  when a tool's handler sends a tool-list-changed notification (the list can change after review).
- `harmful-purpose` (high) — the tool's own name, title or description states a harmful purpose:
  keylogging ("captures every keystroke"), theft of credentials, cookies, keys or wallets
  ("harvests saved browser passwords"), a crypto address swapped for one the text fixes (the
  clipboard, "our wallet", a literal address), an attack on critical infrastructure (a
  cyberattack, sabotage, takedown, breach or unauthorised access aimed at a power grid, a dam,
  emergency lines, water supply …), the use of a weapon ("arm a warhead", "launch a missile").
  Statements about detecting or preventing it ("detects keyloggers") are not
  (`mcpvet.behaviour.purpose`).
- `pii-collection` (medium) — the input schema asks for high-value personal data (a social security
  number, a card number or CVV, a passport number, a bank account, routing number or IBAN, a
  security-question answer, a wallet seed phrase or private key), by parameter name or
  description, while the tool's text states no purpose that needs it (a payment for a card; tax,
  payroll or an identity check for a social security number; signing for a private key). A seed
  phrase or a security answer is always reported.

Why: the model obeys this text; the user rarely sees it in full. A tool that says it steals, or
asks the model to collect what only a phishing form would, is not one to connect.

How to fix: keep descriptions to what the tool does for the user; remove hidden characters and
instructions about other tools; use a static description.
Inconclusive (no score) when no tool was found.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from mcpvet.behaviour import poisoning, sensitive, unicode
from mcpvet.behaviour.declared import annotation
from mcpvet.behaviour.purpose import harmful_purposes, pii_requests
from mcpvet.checks.analysis._common import score_from, sort_findings
from mcpvet.checks.interface import CheckOutcome, Facts
from mcpvet.facts import ChangeFact
from mcpvet.model import Finding, Severity, Tool

_B64 = re.compile(r"(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/_-]{48,}={0,2}(?![A-Za-z0-9+/=_-])")
_HEX = re.compile(r"(?<![0-9A-Fa-f])(?:[0-9A-Fa-f]{2}){32,}(?![0-9A-Fa-f])")


def _schema_strings(value: Any, where: str, depth: int = 0) -> Iterator[tuple[str, str]]:
    if depth > 12:
        return
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for k in sorted(value, key=str):
            yield f"{where} key", str(k)
            yield from _schema_strings(value[k], f"{where}.{k}", depth + 1)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _schema_strings(v, f"{where}[{i}]", depth + 1)


def texts_of(tool: Tool) -> list[tuple[str, str]]:
    """(where, text) for everything the model reads about a tool."""
    out = [("name", tool.name)]
    if tool.title:
        out.append(("title", tool.title))
    ann_title = annotation(tool, "title")
    if isinstance(ann_title, str):
        out.append(("annotations.title", ann_title))
    if tool.description:
        out.append(("description", tool.description))
    if tool.input_schema is not None:
        out += list(_schema_strings(tool.input_schema, "inputSchema"))
    return out


def _printable_ratio(data: bytes) -> float:
    if not data:
        return 0.0
    return sum(1 for b in data if 32 <= b < 127 or b in (9, 10, 13)) / len(data)


def encoded_blobs(text: str) -> list[str]:
    """Long base64 (decoding to text) or hex blobs, described."""
    found = []
    for m in _B64.finditer(text):
        blob = m.group(0)
        if text[max(0, m.start() - 8):m.start()].endswith("base64,"):
            continue  # a data: URI (an example image) is not hidden text
        if blob.isalpha() or blob.isdigit() or not re.search(r"[0-9]", blob) and not re.search(r"[+/=]", blob):
            continue  # a long word or identifier, not base64
        try:
            data = base64.b64decode(blob + "=" * (-len(blob) % 4), altchars=b"-_" if "-" in blob or "_" in blob else None)
        except (binascii.Error, ValueError):
            continue
        if _printable_ratio(data) >= 0.9:
            found.append(f"base64 ({len(blob)} chars) decoding to {data[:120].decode('ascii', 'replace')!r}")
        elif len(blob) >= 120:
            found.append(f"opaque base64 blob ({len(blob)} chars)")
    for m in _HEX.finditer(text):
        blob = m.group(0)
        data = bytes.fromhex(blob)
        if _printable_ratio(data) >= 0.9:
            found.append(f"hex ({len(blob)} chars) decoding to {data[:120].decode('ascii', 'replace')!r}")
        elif len(blob) > 128:
            found.append(f"opaque hex blob ({len(blob)} chars)")
    return found


_OUTSIDE = re.compile(r"run time from|environment|os\.environ|process\.env|getenv|file|read|fetch|http|network|"
                      r"request|url|download|database", re.I)


def _from_outside(note: str | None) -> bool:
    """Does the frontend's note say the description comes from the environment, a file or the network
    (it can change after review), rather than from code the analysis could not evaluate?"""
    return bool(note and _OUTSIDE.search(note))


@dataclass(frozen=True)
class _TextSigns:
    """What one text shows: hidden characters (with the prompts and paths of hidden tag text),
    instructions, credential paths in its visible part, encoded blobs."""

    hidden: tuple[tuple[unicode.HiddenText, tuple[poisoning.Verdict, ...], tuple[sensitive.SensitiveHit, ...]], ...]
    verdicts: tuple[poisoning.Verdict, ...]  # every rule the text scores on, reported (medium, high) or not
    sensitive: tuple[sensitive.SensitiveHit, ...]
    blobs: tuple[str, ...]


# schema fields that hold JSON Schema vocabulary or regular expressions, not prose for the model
_STRUCTURAL = re.compile(r"\.(?:type|format|pattern|\$schema|\$ref|\$id|contentEncoding|contentMediaType)(?:\[\d+\])?$")


def _text_signs(raw: str, is_name: bool, prose: bool = True) -> _TextSigns:
    text = unicode.fix_surrogates(raw)
    hidden = []
    for h in unicode.scan(text, identifier=is_name):
        decoded = h.decoded if h.category == "tag" else None
        hidden.append((h, tuple(poisoning.scan(decoded, hidden=True)) if decoded else (),
                       tuple(sensitive.find(decoded)) if decoded else ()))
    visible = re.sub("[\U000E0000-\U000E007F]", "", text)
    verdicts = tuple(poisoning.assess(poisoning.signals(text))) if prose and not is_name else ()
    return _TextSigns(tuple(hidden), verdicts, tuple(sensitive.find(visible)),
                      () if is_name else tuple(encoded_blobs(text)))


@dataclass(frozen=True)
class DescriptionTextCheck:
    id: str = "description-text"
    risk: Severity = Severity.HIGH
    rules: tuple[str, ...] = ("tool-poisoning", "tool-shadowing", "sensitive-path", "hidden-unicode",
                              "encoded-payload", "dynamic-description", "harmful-purpose", "pii-collection")

    def run(self, facts: Facts) -> CheckOutcome:
        if not facts.tools:
            return CheckOutcome((), None, "no tools found: no description to read")
        findings: list[Finding] = []
        memo: dict[tuple[str, bool, bool], _TextSigns] = {}  # tools of one server share much of their text
        for i, tool in enumerate(facts.tools):
            changes = facts.source.of(i).changes if facts.source is not None else ()
            findings += self.tool_findings(tool, memo, changes)
        findings = list(sort_findings(findings))
        reason = (f"{len(facts.tools)} tools: text is free of hidden characters and instructions to the model"
                  if not findings else f"{len(facts.tools)} tools: {len(findings)} findings in the text the model reads")
        return CheckOutcome(tuple(findings), score_from(findings), reason)

    def tool_findings(self, tool: Tool, memo: dict[tuple[str, bool, bool], _TextSigns] | None = None,
                      changes: tuple[ChangeFact, ...] = ()) -> list[Finding]:
        """Findings of one tool; `memo` keeps what each distinct text showed, across the tools of a run;
        `changes` are the changes of its description after registration (`SourceFacts`)."""
        loc = tool.declared_at
        out: list[Finding] = []
        prompt_hits: dict[str, list[tuple[str, poisoning.Verdict]]] = {}
        sens_hits: list[tuple[str, sensitive.SensitiveHit, bool]] = []
        asked = False
        blobs: list[tuple[str, str]] = []
        memo = {} if memo is None else memo
        later = [(f"description set {c.when} ({c.location.path}:{c.location.line})", c.change.text)
                 for c in changes if c.change.attr != "list" and c.change.text]
        for where, raw in [*texts_of(tool), *later]:
            key = (raw, where == "name", not _STRUCTURAL.search(where))
            if key not in memo:
                memo[key] = _text_signs(*key)
            signs = memo[key]
            for chars, hidden_prompts, hidden_sensitive in signs.hidden:
                out.append(Finding(
                    "hidden-unicode", chars.severity, f"Hidden characters in the {where} of `{tool.name}`",
                    f"The {where} of `{tool.name}` contains {chars.describe()}. A client passes them to the model "
                    "while most interfaces do not show them.", tool.name, loc))
                for hit in hidden_prompts:
                    prompt_hits.setdefault(hit.rule, []).append((f"hidden text in the {where}", hit))
                sens_hits += [(f"hidden text in the {where}", h, True) for h in hidden_sensitive]
            for verdict in signs.verdicts:
                if verdict.severity is not None:
                    prompt_hits.setdefault(verdict.rule, []).append((where, verdict))
            if signs.sensitive and signs.verdicts:
                asked = True  # the text naming the path also asks something of the model, if too weakly to report
            sens_hits += [(where, h, False) for h in signs.sensitive]
            if where != "name":
                blobs += [(where, b) for b in signs.blobs]
        for rule, hits in sorted(prompt_hits.items()):
            hits.sort(key=lambda wh: -wh[1].score)
            severity = Severity.HIGH if any(h.severity is Severity.HIGH for _, h in hits) else Severity.MEDIUM
            quotes = " | ".join(f"in {w}: {h.explain()}" for w, h in hits[:5])
            title = ("Instructions to the model hidden in `%s`" if rule == "tool-poisoning"
                     else "`%s` tries to change how other tools are used") % tool.name
            out.append(Finding(rule, severity, title, f"`{tool.name}`: {quotes} (high from {poisoning.HIGH_FROM:g}, "
                               f"medium from {poisoning.MEDIUM_FROM:g}).", tool.name, loc))
        if sens_hits:
            strong = [s for s in sens_hits if s[1].strong]
            hidden = any(h for _, _, h in sens_hits)
            if prompt_hits.get("tool-poisoning") or hidden:
                sev = Severity.HIGH
            elif strong and (asked or prompt_hits):
                sev = Severity.MEDIUM
            else:  # a credential path merely named ("paths such as ~/.ssh are rejected"): nothing asks to read it
                sev = Severity.LOW
            named = sorted({f"{h.text} ({h.label}, in {w})" for w, h, _ in sens_hits})
            out.append(Finding("sensitive-path", sev, f"`{tool.name}` names credential files in its text",
                               f"The text of `{tool.name}` names {', '.join(named[:6])}.", tool.name, loc))
        if blobs:
            out.append(Finding("encoded-payload", Severity.MEDIUM, f"Encoded data in the text of `{tool.name}`",
                               "; ".join(f"{w}: {b}" for w, b in blobs[:3]) + ".", tool.name, loc))
        out += _change_findings(tool, changes)
        out += _purpose_findings(tool)
        if tool.description_source == "dynamic" and _from_outside(tool.description_note):
            out.append(Finding("dynamic-description", Severity.MEDIUM, f"The description of `{tool.name}` is made at run time",
                               f"`{tool.name}` gets its description at run time"
                               + (f" ({tool.description_note})" if tool.description_note else "")
                               + ": what the model reads can change after this review.", tool.name, loc))
        elif tool.description_source == "dynamic":
            out.append(Finding("dynamic-description", Severity.LOW, f"The description of `{tool.name}` could not be read",
                               f"The description of `{tool.name}` could not be computed statically"
                               + (f" ({tool.description_note})" if tool.description_note else "")
                               + ": it was not reviewed.", tool.name, loc))
        elif tool.description_source == "partial":
            outside = _from_outside(tool.description_note)
            out.append(Finding("dynamic-description", Severity.MEDIUM if outside else Severity.LOW,
                f"Part of the description of `{tool.name}` is made at run time",
                               f"Part of the description of `{tool.name}` is only known at run time"
                               + (f" ({tool.description_note})" if tool.description_note else "")
                               + (": what the model reads can change after this review." if outside else "."),
                               tool.name, loc))
        return out


def _change_findings(tool: Tool, changes: tuple[ChangeFact, ...]) -> list[Finding]:
    """dynamic-description for a description changed after registration (medium) or a tool list
    changed by a tool's call (low)."""
    out: list[Finding] = []
    edits = [c for c in changes if c.change.attr != "list"]
    if edits:
        first = edits[0]
        where = "; ".join(f"{c.location.path}:{c.location.line} {c.when}: `{c.change.code}`" for c in edits[:4])
        out.append(Finding("dynamic-description", Severity.MEDIUM,
                           f"The description of `{tool.name}` is changed after it is registered",
                           f"`{tool.name}` is shown to the model with one description and later given another ({where}): "
                           "what was reviewed (and approved by the user) is not what the model reads after the change.",
                           tool.name, first.location))
    lists = [c for c in changes if c.change.attr == "list"]
    if lists:
        c = lists[0]
        out.append(Finding("dynamic-description", Severity.LOW, f"`{tool.name}` changes the tool list {c.when}",
                           f"{c.location.path}:{c.location.line}: `{c.change.code}` tells the client that the tool list "
                           "changed: the tools the model sees after it were not all reviewed here.", tool.name, c.location))
    return out


def _purpose_findings(tool: Tool) -> list[Finding]:
    """harmful-purpose (the tool's own text states harm) and pii-collection (its schema asks for
    high-value personal data with no stated purpose)."""
    out: list[Finding] = []
    own = " ".join(x for x in (tool.name.replace("_", " "), tool.title or "", tool.description or "") if x)
    stated = harmful_purposes(own)
    if stated:
        said = "; ".join(f"{p.label}: \"{p.quote}\"" for p in stated)
        out.append(Finding("harmful-purpose", Severity.HIGH, f"`{tool.name}` says it is for {stated[0].label}",
                           f"The text of `{tool.name}` states a harmful purpose ({said}). Whatever its code does, "
                           "the model is told to use it for that.", tool.name, tool.declared_at))
    asked = pii_requests(tool.input_schema, own)
    if asked:
        fields = ", ".join(f"`{param}` ({label})" for param, label in asked[:6])
        out.append(Finding("pii-collection", Severity.MEDIUM, f"`{tool.name}` asks for sensitive personal data",
                           f"`{tool.name}` asks for {fields}, and its text gives no purpose that needs it: the model "
                           "will ask the user for it and hand it to this server.", tool.name, tool.declared_at))
    return out


CHECK = DescriptionTextCheck()
