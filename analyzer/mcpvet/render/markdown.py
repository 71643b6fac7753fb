"""Markdown for pull-request comments: a summary table, tools, findings, what was not analysed."""

from __future__ import annotations

from mcpvet.model.scorecard import Scorecard
from mcpvet.render.provenance_summary import provenance_lines
from mcpvet.render.text import _visible

_ICON = {"critical": "🟥", "high": "🟧", "medium": "🟨", "low": "🟦", "info": "⬜"}


def _cell(text: str | None, limit: int = 120) -> str:
    return _visible(text, limit).replace("|", "\\|").replace("`", "'")


def render_markdown(card: Scorecard) -> str:
    t = card.target
    score = card.score
    lines = [f"## mcpvet: `{t.ecosystem.value}:{t.name}`" + (f" {t.version}" if t.version else "")]
    if score.get("value") is None:
        reason = score.get("reason") or "no check could be concluded (see *Not analysed*)"
        lines.append(f"\n**Not rated** — {' '.join(str(reason).split())}")
    else:
        lines.append(f"\n**Score: {score['value']:.1f}/10 (grade {score['grade']})**")
    lines.append("")
    if card.tools:
        lines += ["| tool | does | undeclared | description |", "| --- | --- | --- | --- |"]
        for tool in card.tools:
            does = ", ".join(sorted(k.value for k in tool.capability_kinds)) or "—"
            und = ", ".join(sorted(k.value for k in tool.undeclared_kinds))
            lines.append(
                f"| `{_cell(tool.name, 40)}` | {does} | {('**' + und + '**') if und else ''} | "
                f"{_cell(tool.description, 80)} |")
    else:
        lines.append("_No tools found._")
    if card.findings:
        lines += ["", f"### Findings ({len(card.findings)})", ""]
        for fid, f in zip(card.finding_ids(), card.findings, strict=True):
            where = f" — `{f.location.path}:{f.location.line}`" if f.location else ""
            lines.append(f"- {_ICON[f.severity.value]} **{f.severity.value}** `{f.rule}` {_cell(f.title, 160)}{where} ({fid})")
            for ev in f.evidence[:1]:
                lines.append(f"  - via `{' → '.join(ev.call_path)}` → `{ev.sink}`")
    prov = provenance_lines(card.provenance)
    if prov:
        lines += ["", "### Provenance", ""] + [f"- {_cell(p, 300)}" for p in prov]
    checks = score.get("checks") or []
    if checks:
        lines += ["", "<details><summary>Checks</summary>", "", "| check | score | risk | reason |", "| --- | --- | --- | --- |"]
        for c in checks:
            val = "inconclusive" if c["score"] is None else f"{c['score']:g}"
            lines.append(f"| {c['id']} | {val} | {c['risk']} | {_cell(c['reason'])} |")
        lines += ["", "</details>"]
    if card.errors:
        lines += ["", f"<details><summary>Not analysed ({len(card.errors)})</summary>", ""]
        for e in card.errors[:50]:
            lines.append(f"- [{e.stage}] " + (f"`{e.path}`: " if e.path else "") + _cell(e.message, 200))
        lines += ["", "</details>"]
    return "\n".join(lines) + "\n"
