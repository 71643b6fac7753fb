"""Markdown for pull-request comments: a summary, findings, tools, provenance, checks, what was not analysed.

A GitHub comment holds at most 65,536 characters; the whole report stays under `MAX_CHARS` (60,000).
Long parts sit in `<details>` sections; when even that is too much, the least important lines
are left out and a closing note says how many of what (the JSON scorecard and the SARIF upload
have everything).

The package's own text (tool names, descriptions, messages quoting them) is untrusted: it is shown
in code spans, with a fence longer than any backtick run inside it (backticks are kept, never
swapped), invisible characters escaped, and `|` escaped for tables, so it cannot inject Markdown
or HTML into the comment.
"""

from __future__ import annotations

import re

from mcpvet.model import Severity
from mcpvet.model.scorecard import Scorecard
from mcpvet.render.causes import Cause, causes
from mcpvet.render.provenance_summary import provenance_lines
from mcpvet.render.text import _visible, suppressed_lines
from mcpvet.render.verdict import verdict

MAX_CHARS = 60_000
_ICON = {"critical": "🟥", "high": "🟧", "medium": "🟨", "low": "🟦", "info": "⬜"}
_OPEN_TOOLS = 30  # a tools table longer than this is folded
_RESERVE = 3_000  # kept for headings, closing tags and the note of what was cut (they total under 2,500)


def code(text: str | None, limit: int = 120, *, table: bool = False) -> str:
    """`text` as one inline code span: visible characters only, backticks kept (a longer fence)."""
    shown = _visible(text, limit)
    longest = max((len(m) for m in re.findall(r"`+", shown)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if shown.startswith("`") or shown.endswith("`") or not shown.strip() else ""
    out = f"{fence}{pad}{shown}{pad}{fence}"
    return out.replace("|", "\\|") if table else out


def prose(text: str | None, limit: int = 160, *, table: bool = False) -> str:
    """Our own sentences that may quote the package (titles, reasons): backticks kept, HTML and links defused."""
    shown = _visible(text, limit)
    shown = shown.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    shown = re.sub(r"([\[\]])", r"\\\1", shown)
    if shown.count("`") % 2:  # an unmatched backtick would swallow the rest of the line
        shown = shown.replace("`", "'")
    return shown.replace("|", "\\|") if table else shown


class _Budget:
    """Lines added while they fit; what did not fit is counted per section for the closing note."""

    def __init__(self, limit: int) -> None:
        self.limit = limit - _RESERVE
        self.lines: list[str] = []
        self.size = 0
        self.cut: list[str] = []

    def add(self, line: str) -> bool:
        if self.size + len(line) + 1 > self.limit:
            return False
        self.lines.append(line)
        self.size += len(line) + 1
        return True

    def force(self, line: str) -> None:
        """Structure that must be there (closing tags, headings of a started section): from the reserve."""
        self.lines.append(line)
        self.size += len(line) + 1

    def items(self, lines: list[list[str]], what: str) -> None:
        """Add whole items (an item is one or more lines) in order; count those that do not fit."""
        for i, item in enumerate(lines):
            if self.size + sum(len(x) + 1 for x in item) > self.limit:
                self.cut.append(f"{len(lines) - i} of {len(lines)} {what}")
                return
            for x in item:
                self.force(x)


def _finding_item(cause: Cause) -> list[str]:
    f = cause.finding
    where = f" — {code(f'{f.location.path}:{f.location.line}', 200)}" if f.location else ""
    if len(cause.ids) > 1:
        tool = f" — one cause, reached by {len(cause.tools)} tools"
    else:
        tool = f" in tool {code(f.tool, 60)}" if f.tool else ""
    lines = [f"- {_ICON[f.severity.value]} **{f.severity.value}** `{f.rule}` {prose(cause.title, 300)}{tool}{where} "
             f"({cause.id})"]
    for ev in f.evidence[:1]:
        path = " → ".join(ev.call_path[:8]) + (" → …" if len(ev.call_path) > 8 else "")
        lines.append(f"  - via {code(path, 300)} → {code(ev.sink, 80)}")
    return lines


def _summary(card: Scorecard) -> str:
    counts: dict[str, int] = {}
    for f in card.findings:
        counts[f.severity.value] = counts.get(f.severity.value, 0) + 1
    parts = [f"{len(card.tools)} tool{'s' if len(card.tools) != 1 else ''}"]
    if card.findings:
        parts.append(f"{len(card.findings)} finding{'s' if len(card.findings) != 1 else ''} ("
                     + ", ".join(f"{counts[s.value]} {s.value}" for s in sorted(Severity, key=lambda s: -s.rank)
                                 if s.value in counts) + ")")
    else:
        parts.append("no findings")
    if card.errors:
        parts.append(f"{len(card.errors)} not analysed")
    return " · ".join(parts)


def render_markdown(card: Scorecard, limit: int = MAX_CHARS) -> str:
    t = card.target
    score = card.score
    out = _Budget(limit)
    out.force(f"## mcpvet: {code(f'{t.ecosystem.value}:{t.name}', 200)}" + (f" {code(t.version, 60)}" if t.version else ""))
    out.force(f"\n**{prose(verdict(card), 600)}**")
    if score.value is None:
        reason = score.reason or "no check could be concluded (see *Not analysed*)"
        out.force(f"\n**Not rated** — {prose(str(reason), 400)}")
    else:
        out.force(f"\n**Score: {score.value:.1f}/10 (grade {score.grade})** · {_summary(card)}")
    out.force("")

    grouped = causes(card)
    serious = [c for c in grouped if c.finding.severity >= Severity.MEDIUM]
    minor = [c for c in grouped if c.finding.severity < Severity.MEDIUM]
    if serious:
        shared = f", {len(grouped)} causes" if len(grouped) < len(card.findings) else ""
        out.force(f"### Findings ({len(card.findings)}{shared})")
        out.force("")
        out.items([_finding_item(c) for c in serious], "critical, high and medium findings")
    if minor:
        out.force("")
        out.force(f"<details><summary>Low and info findings ({len(minor)})</summary>")
        out.force("")
        out.items([_finding_item(c) for c in minor], "low and info findings")
        out.force("")
        out.force("</details>")

    out.force("")
    if card.tools:
        folded = len(card.tools) > _OPEN_TOOLS
        if folded:
            out.force(f"<details><summary>Tools ({len(card.tools)})</summary>")
            out.force("")
        else:
            out.force(f"### Tools ({len(card.tools)})")
            out.force("")
        out.force("| tool | does | undeclared | description |")
        out.force("| --- | --- | --- | --- |")
        rows = []
        for tool in card.tools:
            does = ", ".join(sorted(k.value for k in tool.capability_kinds)) or "—"
            und = ", ".join(sorted(k.value for k in tool.undeclared_kinds))
            rows.append([f"| {code(tool.name, 60, table=True)} | {does} | {('**' + und + '**') if und else ''} | "
                         f"{code(tool.description, 100, table=True)} |"])
        out.items(rows, "tools")
        if folded:
            out.force("")
            out.force("</details>")
    else:
        out.force("_No tools found._")

    suppressed = suppressed_lines(card)  # what the configuration suppressed, and its expired entries
    if suppressed:
        out.force("")
        out.force(f"<details><summary>{prose(suppressed[0], 200)}</summary>")
        out.force("")
        out.items([[f"- {prose(x.strip(), 300)}"] if x.startswith(" ") else ["", f"**{prose(x, 200)}**", ""]
                   for x in suppressed[1:]], "suppressed findings")
        out.force("")
        out.force("</details>")
    prov = provenance_lines(card.provenance)
    if prov:
        out.force("")
        out.force("### Provenance")
        out.force("")
        out.items([[f"- {prose(p, 300)}"] for p in prov], "provenance lines")
    checks = score.checks
    if checks:
        out.force("")
        out.force("<details><summary>Checks</summary>")
        out.force("")
        out.force("| check | score | risk | reason |")
        out.force("| --- | --- | --- | --- |")
        out.items([[f"| {c.id} | {'inconclusive' if c.score is None else format(c.score, 'g')} | {c.risk.value} | "
                    f"{prose(c.reason, 200, table=True)} |"] for c in checks], "checks")
        out.force("")
        out.force("</details>")
    if card.errors:
        out.force("")
        out.force(f"<details><summary>Not analysed ({len(card.errors)})</summary>")
        out.force("")
        out.items([[f"- [{e.stage}] " + (f"{code(e.path, 200)}: " if e.path else "") + prose(e.message, 200)]
                   for e in card.errors], "'not analysed' entries")
        out.force("")
        out.force("</details>")
    if out.cut:
        out.force("")
        out.force(f"_Cut to fit a comment ({limit:,} characters): {'; '.join(out.cut)} not shown. "
                  "`--format json` and the SARIF upload have everything._")
    return "\n".join(out.lines) + "\n"
