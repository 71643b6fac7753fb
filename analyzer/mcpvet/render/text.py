"""A readable terminal summary (rich)."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from mcpvet.model import Severity
from mcpvet.model.scorecard import Scorecard
from mcpvet.render.causes import causes
from mcpvet.render.provenance_summary import provenance_lines
from mcpvet.render.verdict import verdict

_SEV_STYLE = {
    Severity.CRITICAL: "bold white on red",
    Severity.HIGH: "bold red",
    Severity.MEDIUM: "yellow",
    Severity.LOW: "cyan",
    Severity.INFO: "dim",
}


def _visible(text: str | None, limit: int = 160) -> str:
    """Show invisible characters as escapes so the terminal cannot be fooled by the target's text."""
    if text is None:
        return "—"
    out = []
    for ch in " ".join(text.split()):
        cp = ord(ch)
        if cp < 32 or 0x7F <= cp < 0xA0 or 0x200B <= cp <= 0x200F or 0x202A <= cp <= 0x202E \
                or 0x2060 <= cp <= 0x206F or cp == 0xFEFF or 0xE0000 <= cp <= 0xE007F:
            out.append(f"\\u{{{cp:X}}}")
        else:
            out.append(ch)
    s = "".join(out)
    return s if len(s) <= limit else s[: limit - 1] + "…"


def suppressed_lines(card: Scorecard, limit: int = 20) -> list[str]:
    """What the configuration suppressed, and its expired entries: a heading, then indented lines."""
    sup = card.suppressions or {}
    items, expired = sup.get("suppressed") or [], sup.get("expired") or []
    out: list[str] = []
    if items:
        out.append(f"{len(items)} finding(s) suppressed by {sup.get('config')} (not scored; listed under suppressions "
                   "in --format json)")
        out += [f"  {f['severity']} {f['rule']}: {f['title']} — {f['suppressed_by']['reason']}" for f in items[:limit]]
    if expired:
        out.append(f"{len(expired)} suppression(s) in {sup.get('config')} expired and no longer apply")
        out += [f"  entry {e['entry']}, expired {e['expires']}: {e['reason']}" for e in expired[:limit]]
    return out


def render_text(card: Scorecard, *, width: int = 110, color: bool = False) -> str:
    buf = io.StringIO()
    con = Console(file=buf, width=width, force_terminal=color, no_color=not color, highlight=False, soft_wrap=False)
    t = card.target
    score = card.score
    head = Text(f"mcpvet {card.analyzer_version} · {t.ecosystem.value}:{t.name}")
    if t.version:
        head.append(f" {t.version}")
    con.print(head, style="bold")
    if t.artifact:
        con.print(f"artifact {t.artifact}" + (f"  sha256 {t.sha256}" if t.sha256 else ""), style="dim")
    con.print(_visible(verdict(card), 600), style="bold", markup=False)
    if score.value is None:
        reason = score.reason or "no check could be concluded (see errors)"
        con.print(f"not rated — {_visible(str(reason), 400)}", style="bold yellow", markup=False)
    else:
        con.print(f"score: {score.value:.1f}/10  grade {score.grade}", style="bold")

    if card.failed:
        con.print("nothing was analysed: no tool list, no findings, no provenance", style="yellow")
    elif card.tools:
        table = Table(title=f"{len(card.tools)} tool(s)", show_lines=False, expand=False)
        table.add_column("tool")
        table.add_column("does (capabilities)")
        table.add_column("undeclared", style="bold red")
        table.add_column("description")
        for tool in card.tools:
            table.add_row(
                _visible(tool.name, 40),
                ", ".join(sorted(k.value for k in tool.capability_kinds)) or "—",
                ", ".join(sorted(k.value for k in tool.undeclared_kinds)) or "",
                _visible(tool.description, 60),
            )
        con.print(table)
    else:
        con.print("no tools found", style="yellow")

    if card.failed:
        pass
    elif card.findings:
        grouped = causes(card)
        shared = f", {len(grouped)} cause(s)" if len(grouped) < len(card.findings) else ""
        con.print(f"\n{len(card.findings)} finding(s){shared}", style="bold")
        for cause in grouped:
            f = cause.finding
            where = f" {f.location.path}:{f.location.line}" if f.location else ""
            line = Text(f"{cause.id} ")
            line.append(f"{f.severity.value.upper():8}", style=_SEV_STYLE[f.severity])
            line.append(f" {f.rule}  {_visible(cause.title, 100 if len(cause.ids) == 1 else 160)}{where}")
            con.print(line)
            if len(cause.ids) > 1:
                con.print(f"      one cause, {len(cause.ids)} tools reach it (one finding each in --format json)",
                          style="dim")
            for ev in f.evidence[:1]:
                con.print(f"      via {' → '.join(ev.call_path)} → {ev.sink}", style="dim")
    else:
        con.print("\nno findings", style="green")
    for item in suppressed_lines(card):
        con.print(f"  {_visible(item, width - 4)}" if item.startswith(" ") else f"\n{item}", style="dim", markup=False)

    prov = provenance_lines(card.provenance)
    if prov:
        con.print("\nprovenance", style="bold")
        for text in prov:
            con.print(f"  {_visible(text, width - 4)}", markup=False)

    if score.checks:
        con.print("\nchecks", style="bold")
        for c in score.checks:
            val = "inconclusive" if c.score is None else f"{c.score:g}/10"
            con.print(f"  {c.id:24} {val:13} {c.risk.value:8} {_visible(c.reason, width - 52)}", markup=False)
    if card.errors:
        con.print(f"\n{len(card.errors)} part(s) not analysed", style="bold yellow")
        for e in card.errors[:20]:
            where = f" {e.path}:" if e.path else ""
            con.print(f"  [{e.stage}]{where} {_visible(e.message, max(40, width - 16 - len(where)))}", markup=False)
        if len(card.errors) > 20:
            con.print(f"  … and {len(card.errors) - 20} more (see --format json)")
    return buf.getvalue()
