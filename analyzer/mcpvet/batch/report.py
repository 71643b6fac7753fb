"""Reports from a batch store: JSON lines, CSV, and one self-contained HTML page.

The HTML page needs nothing from the network: the plots are inline SVG drawn here, the table's
search, sort and scorecard view are a few lines of inline JavaScript over inline JSON.
"""

from __future__ import annotations

import csv
import html
import io
import json
from collections import Counter, defaultdict
from typing import Any

from mcpvet.batch.store import Store
from mcpvet.model import Severity

SEVERITIES = [s.value for s in sorted(Severity, key=lambda s: -s.rank)]
CSV_FIELDS = ["key", "spec", "status", "ecosystem", "name", "version", "grade", "score", "tools",
              *[f"findings_{s}" for s in SEVERITIES], "seconds", "max_rss_mb", "reason", "error"]


def _finding_counts(store: Store) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(SEVERITIES, 0))
    for row in store.query("SELECT f.target_key, f.severity, COUNT(*) FROM findings f JOIN targets t "
                           "ON t.key = f.target_key WHERE t.status = 'analysed' GROUP BY f.target_key, f.severity"):
        if row[1] in SEVERITIES:
            out[row[0]][row[1]] = row[2]
    return out


def records(store: Store) -> list[dict[str, Any]]:
    """One record per target, in listing order."""
    counts = _finding_counts(store)
    out = []
    for r in store.rows():
        out.append({
            "key": r["key"], "spec": r["spec"], "status": r["status"], "ecosystem": r["ecosystem"], "name": r["name"],
            "version": r["version"], "grade": r["grade"], "score": r["score"], "tools": r["tools"],
            "findings": dict(counts[r["key"]]) if r["status"] == "analysed" else dict.fromkeys(SEVERITIES, 0),
            "seconds": None if r["seconds"] is None else round(r["seconds"], 3), "max_rss_mb": r["max_rss_mb"],
            "reason": r["reason"], "error": r["error"],
        })
    return out


def jsonl(store: Store) -> str:
    keep = ("spec", "key", "status", "grade", "score", "tools", "findings", "error", "reason")
    return "".join(json.dumps({k: rec[k] for k in keep}, ensure_ascii=False) + "\n" for rec in records(store))


def csv_text(store: Store) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for rec in records(store):
        flat = {k: v for k, v in rec.items() if k != "findings"}
        flat.update({f"findings_{s}": rec["findings"][s] for s in SEVERITIES})
        writer.writerow(flat)
    return buf.getvalue()


# ----------------------------------------------------------------------------- HTML
_COLORS = ["#3b6fb6", "#d9822b", "#3a9a5b", "#b64a4a", "#7a5cb0", "#8a7a3a"]


def bar_chart(title: str, bars: list[tuple[str, list[float]]], series: list[str] | None = None,
              fmt: str = "{:g}", width: int = 560) -> str:
    """A horizontal bar chart as inline SVG; several values per bar are drawn as grouped bars."""
    esc = html.escape
    n_series = max((len(v) for _, v in bars), default=1)
    row_h = 8 + 14 * n_series
    label_w, pad = 190, 10
    top = 28 + (18 if series and n_series > 1 else 0)
    height = top + row_h * max(1, len(bars)) + pad
    peak = max((x for _, vals in bars for x in vals), default=0) or 1
    plot_w = width - label_w - 70
    parts = [f'<svg class="chart" role="img" aria-label="{esc(title)}" xmlns="http://www.w3.org/2000/svg" '
             f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
             f'<text x="0" y="16" class="chart-title">{esc(title)}</text>']
    if series and n_series > 1:
        for i, name in enumerate(series):
            parts.append(f'<rect x="{label_w + i * 110}" y="24" width="10" height="10" fill="{_COLORS[i % 6]}"/>'
                         f'<text x="{label_w + i * 110 + 14}" y="33" class="legend">{esc(name)}</text>')
    if not bars:
        parts.append(f'<text x="0" y="{top + 14}" class="empty">no data</text>')
    for i, (label, vals) in enumerate(bars):
        y = top + i * row_h
        parts.append(f'<text x="{label_w - 6}" y="{y + row_h / 2 + 4}" text-anchor="end" class="label">'
                     f'{esc(label[:32])}<title>{esc(label)}</title></text>')
        for j, v in enumerate(vals):
            w = max(1.0, plot_w * v / peak) if v else 0
            by = y + 4 + j * 14
            parts.append(f'<rect x="{label_w}" y="{by}" width="{w:.1f}" height="12" fill="{_COLORS[j % 6]}">'
                         f'<title>{esc(label)}: {esc(fmt.format(v))}</title></rect>'
                         f'<text x="{label_w + w + 4:.1f}" y="{by + 10}" class="value">{esc(fmt.format(v))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _summary_card(card: dict[str, Any] | None, row: Any) -> dict[str, Any]:
    if not card:
        return {"error": row["error"], "reason": row["reason"]}
    return {
        "score": card.get("score", {}).get("value"), "grade": card.get("score", {}).get("grade"),
        "reason": card.get("score", {}).get("reason"),
        "tools": [{"name": t.get("name"), "capabilities": [c.get("kind") for c in t.get("capabilities", [])],
                   "undeclared": t.get("undeclared_capabilities", [])} for t in card.get("tools", [])],
        "findings": [{"severity": f.get("severity"), "rule": f.get("rule"), "title": f.get("title"),
                      "tool": f.get("tool")} for f in card.get("findings", [])],
        "errors": [e.get("message") for e in card.get("errors", [])][:20],
    }


def charts(store: Store) -> list[str]:
    analysed = store.query("SELECT key, ecosystem, grade, score, seconds, name, version FROM targets WHERE status='analysed'")
    grades = Counter(r["grade"] or "not rated" for r in analysed)
    order = ["A", "B", "C", "D", "E", "F", "not rated"]
    grade_bars = [(g, [float(grades[g])]) for g in order if g in grades]
    grade_bars += [(g, [float(n)]) for g, n in grades.items() if g not in order]

    per_eco = Counter(r["ecosystem"] or "?" for r in analysed)
    ecos = sorted(per_eco)
    have: dict[str, Counter[str]] = defaultdict(Counter)
    for r in store.query("SELECT DISTINCT c.target_key, c.kind, t.ecosystem FROM capabilities c JOIN targets t "
                         "ON t.key = c.target_key WHERE t.status='analysed'"):
        have[r["kind"]][r["ecosystem"] or "?"] += 1
    cap_bars = sorted(((k, [100.0 * have[k][e] / per_eco[e] for e in ecos]) for k in have),
                      key=lambda b: -max(b[1]))
    undeclared = store.query("SELECT c.kind, COUNT(*) n FROM capabilities c JOIN targets t ON t.key = c.target_key "
                             "WHERE t.status='analysed' AND c.declared = 0 GROUP BY c.kind ORDER BY n DESC")
    rules = store.query("SELECT f.rule, COUNT(*) n FROM findings f JOIN targets t ON t.key = f.target_key "
                        "WHERE t.status='analysed' GROUP BY f.rule ORDER BY n DESC LIMIT 25")
    risky = sorted((r for r in analysed if r["score"] is not None), key=lambda r: r["score"])[:15]
    slow = sorted((r for r in analysed if r["seconds"] is not None), key=lambda r: -r["seconds"])[:15]
    label = lambda r: f"{r['name']} {r['version'] or ''}".strip()
    return [
        bar_chart("Grade distribution (analysed packages)", grade_bars),
        bar_chart("Capability prevalence per ecosystem (% of packages)", cap_bars, ecos, "{:.0f}%"),
        bar_chart("Undeclared capabilities by kind (tools)", [(r["kind"], [float(r["n"])]) for r in undeclared]),
        bar_chart("Findings by rule", [(r["rule"], [float(r["n"])]) for r in rules]),
        bar_chart("Riskiest packages (lowest score)", [(label(r), [float(r["score"])]) for r in risky], fmt="{:.1f}"),
        bar_chart("Slowest packages (seconds)", [(label(r), [float(r["seconds"])]) for r in slow], fmt="{:.1f}s"),
    ]


_CSS = """
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}h1{font-size:22px}
.charts{display:flex;flex-wrap:wrap;gap:18px}.chart{background:#fafafa;border:1px solid #ddd;padding:6px}
.chart-title{font-weight:600;font-size:13px}.label,.value,.legend,.empty{font-size:11px;fill:#333}
table{border-collapse:collapse;margin-top:12px;width:100%}th,td{border-bottom:1px solid #e4e4e4;padding:3px 6px;text-align:left}
th{cursor:pointer;background:#f1f1f1;position:sticky;top:0}th.sorted-asc::after{content:" ▲"}th.sorted-desc::after{content:" ▼"}
#search{padding:5px;width:320px}.status-failed{color:#b64a4a}.status-unsupported,.status-skipped{color:#888}
a.card{cursor:pointer;color:#3b6fb6;text-decoration:underline}dialog{max-width:900px;max-height:80vh;overflow:auto}
.sev-critical,.sev-high{color:#b64a4a;font-weight:600}
"""

_JS = """
(function(){
  var data = JSON.parse(document.getElementById('cards').textContent);
  var body = document.querySelector('#targets tbody');
  var search = document.getElementById('search');
  var count = document.getElementById('shown');
  function esc(s){return String(s==null?'':s).replace(/[&<>"]/g,function(c){return {'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c];});}
  function filter(){
    var q = search.value.toLowerCase(), n = 0;
    Array.prototype.forEach.call(body.rows, function(r){
      var show = !q || r.textContent.toLowerCase().indexOf(q) >= 0; r.style.display = show ? '' : 'none'; if (show) n++;});
    count.textContent = n;
  }
  search.addEventListener('input', filter);
  Array.prototype.forEach.call(document.querySelectorAll('#targets th'), function(th, col){
    th.addEventListener('click', function(){
      var asc = !th.classList.contains('sorted-asc');
      document.querySelectorAll('#targets th').forEach(function(h){h.classList.remove('sorted-asc','sorted-desc');});
      th.classList.add(asc ? 'sorted-asc' : 'sorted-desc');
      var rows = Array.prototype.slice.call(body.rows);
      var num = th.dataset.type === 'num';
      rows.sort(function(a, b){
        var x = a.cells[col].dataset.v || a.cells[col].textContent, y = b.cells[col].dataset.v || b.cells[col].textContent;
        if (num) { x = x === '' ? -Infinity : parseFloat(x); y = y === '' ? -Infinity : parseFloat(y); return asc ? x - y : y - x; }
        return asc ? x.localeCompare(y) : y.localeCompare(x);
      });
      rows.forEach(function(r){ body.appendChild(r); });
    });
  });
  var dialog = document.getElementById('card');
  body.addEventListener('click', function(ev){
    var a = ev.target.closest('a.card'); if (!a) return;
    ev.preventDefault();
    var c = data[a.dataset.key] || {}, h = '<h2>' + esc(a.textContent) + '</h2>';
    if (c.error) h += '<p class="status-failed">' + esc(c.error) + '</p>';
    if (c.reason) h += '<p>' + esc(c.reason) + '</p>';
    if (c.grade !== undefined) h += '<p>score ' + esc(c.score) + ' grade ' + esc(c.grade) + '</p>';
    if (c.tools && c.tools.length) { h += '<h3>Tools</h3><ul>';
      c.tools.forEach(function(t){ h += '<li><b>' + esc(t.name) + '</b>: ' + esc(t.capabilities.join(', ') || 'no capability')
        + (t.undeclared.length ? ' — undeclared: ' + esc(t.undeclared.join(', ')) : '') + '</li>'; }); h += '</ul>'; }
    if (c.findings && c.findings.length) { h += '<h3>Findings</h3><ul>';
      c.findings.forEach(function(f){ h += '<li><span class="sev-' + esc(f.severity) + '">' + esc(f.severity) + '</span> '
        + esc(f.rule) + (f.tool ? ' (' + esc(f.tool) + ')' : '') + ': ' + esc(f.title) + '</li>'; }); h += '</ul>'; }
    if (c.errors && c.errors.length) { h += '<h3>Errors</h3><ul>';
      c.errors.forEach(function(e){ h += '<li>' + esc(e) + '</li>'; }); h += '</ul>'; }
    document.getElementById('card-body').innerHTML = h;
    dialog.showModal();
  });
  document.getElementById('close').addEventListener('click', function(){ dialog.close(); });
  filter();
  document.body.dataset.ready = '1';
})();
"""  # noqa: E501 - the page's inline script, kept as written


def _cell(value: Any, num: bool = False) -> str:
    text = "" if value is None else (f"{value:.1f}" if isinstance(value, float) else str(value))
    data = f' data-v="{html.escape(text)}"' if num else ""
    return f"<td{data}>{html.escape(text)}</td>"


def html_page(store: Store) -> str:
    recs = records(store)
    cards: dict[str, Any] = {}
    for r in store.query("SELECT key, scorecard, error, reason FROM targets"):
        cards[r["key"]] = _summary_card(json.loads(r["scorecard"]) if r["scorecard"] else None, r)
    status = Counter(r["status"] for r in recs)
    runs = store.query("SELECT COUNT(*) n, MAX(finished) f FROM runs")
    heads = [("package", ""), ("ecosystem", ""), ("version", ""), ("status", ""), ("grade", ""), ("score", "num"),
             ("tools", "num"), ("critical+high", "num"), ("findings", "num"), ("seconds", "num"), ("reason / error", "")]
    rows = []
    for rec in recs:
        label = rec["spec"] or rec["key"]
        f = rec["findings"]
        rows.append(
            f'<tr class="status-{html.escape(rec["status"])}"><td><a class="card" href="#" data-key="{html.escape(rec["key"])}">'
            f'{html.escape(label)}</a></td>' + _cell(rec["ecosystem"]) + _cell(rec["version"]) + _cell(rec["status"])
            + _cell(rec["grade"]) + _cell(rec["score"], True) + _cell(rec["tools"], True)
            + _cell(f["critical"] + f["high"], True) + _cell(sum(f.values()), True) + _cell(rec["seconds"], True)
            + _cell(rec["error"] or rec["reason"]) + "</tr>")
    payload = json.dumps(cards, ensure_ascii=False).replace("</", "<\\/")
    head_html = "".join(f'<th data-type="{t}">{html.escape(h)}</th>' for h, t in heads)
    summary = ", ".join(f"{status[s]} {s}" for s in ("analysed", "failed", "unsupported", "skipped"))
    return (
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>mcpvet batch report</title>"
        f"<style>{_CSS}</style></head><body>"
        f"<h1>mcpvet batch report</h1><p>{len(recs)} targets: {html.escape(summary)} · {runs[0]['n']} run(s)</p>"
        f'<div class="charts">{"".join(charts(store))}</div>'
        f'<h2>Targets</h2><input id="search" type="search" placeholder="search packages, status, errors…"> '
        f'<span id="shown"></span> shown'
        f'<table id="targets"><thead><tr>{head_html}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
        '<dialog id="card"><div id="card-body"></div><button id="close">close</button></dialog>'
        f'<script type="application/json" id="cards">{payload}</script><script>{_JS}</script></body></html>'
    )
