"""The diff document as text, Markdown, JSON or SARIF. Pure: a diff in, text out.

Every string that came from a package (names, descriptions, commands) is shown with its hidden
characters escaped (`mcpvet.diff.words.visible`); JSON is written ASCII-only for the same reason.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from mcpvet.diff.words import inline, visible

Json = dict[str, Any]
_ICON = {"critical": "🟥", "high": "🟧", "medium": "🟨", "low": "🟦", "info": "⬜"}
MARKDOWN_LIMIT = 60_000


def _label(side: Mapping[str, Any]) -> str:
    version = f" {side['version']}" if side.get("version") else ""
    return visible(f"{side.get('ecosystem')}:{side.get('name')}{version}")


def _score(side: Mapping[str, Any]) -> str:
    return "not rated" if side.get("score") is None else f"{side['score']:.1f} ({side.get('grade')})"


def _one_line(text: Any, limit: int = 200) -> str:
    s = visible(" ".join(str(text).split()))
    return s if len(s) <= limit else s[: limit - 1] + "…"


def _change_lines(change: Mapping[str, Any], words: Callable[[list[Json]], str]) -> list[str]:
    """The changes of one kept tool, one line each (without bullets)."""
    out: list[str] = []
    if "description" in change:
        d = change["description"]
        out.append(f"description: {words(d['words'])}")
        if d.get("hidden_characters_added"):
            out.append(f"hidden characters added to the description: {' '.join(d['hidden_characters_added'])}")
    if "title" in change:
        out.append(f"title: {_one_line(change['title']['old'])} → {_one_line(change['title']['new'])}")
    if "input_schema" in change:
        s = change["input_schema"]
        parts = [f"{label} {', '.join(map(visible, s[key]))}" for key, label in (
            ("parameters_added", "parameters added:"), ("parameters_removed", "parameters removed:"),
            ("required_added", "now required:"), ("required_removed", "no longer required:"),
            ("other_keys_changed", "keys changed:")) if s.get(key)]
        parts += [f"parameter {visible(k)} changed" for k in s.get("parameters_changed") or {}]
        out.append("input schema: " + ("; ".join(parts) or "changed"))
    if "annotations" in change:
        out.append("annotations: " + ", ".join(f"{visible(k)} {json.dumps(v['old'])} → {json.dumps(v['new'])}"
                                               for k, v in change["annotations"].items()))
    for key, label in (("capabilities", "capabilities"), ("undeclared_capabilities", "undeclared capabilities")):
        if key in change:
            c = change[key]
            bits = ([f"gained {', '.join(c['gained'])}"] if c["gained"] else []) + (
                [f"lost {', '.join(c['lost'])}"] if c["lost"] else [])
            out.append(f"{label}: {'; '.join(bits)}")
    if "destinations" in change:
        out.append(f"destinations gained: {', '.join(map(_one_line, change['destinations']['gained']))}")
    if "exposure" in change:
        out.append(f"exposure raised: {', '.join(change['exposure']['raised'])}")
    return out


def provenance_line(change: Mapping[str, Any]) -> str:
    kind = change["kind"]
    vulns = change.get("vulnerabilities")
    known = "" if not vulns else f" — known vulnerabilities: {', '.join(vulns)}"
    if kind == "maintainers-changed":
        return ("maintainers changed:" + (f" added {', '.join(map(visible, change['added']))}" if change["added"] else "")
                + (f" removed {', '.join(map(visible, change['removed']))}" if change["removed"] else ""))
    if kind in ("attestation-lost", "attestation-changed"):
        word = "LOST" if kind == "attestation-lost" else "changed"
        return f"provenance attestation {word}: {change['old']} → {change['new']}"
    if kind == "repository-changed":
        return f"repository changed: {_one_line(change['old'])} → {_one_line(change['new'])}"
    if kind in ("install-hook-added", "install-hook-removed"):
        return f"install hook {kind.rsplit('-', 1)[1]}: {visible(change['hook'])}: {_one_line(change['command'], 160)}"
    if kind == "dependency-added":
        version = change.get("version") or change.get("specifier") or ""
        return f"dependency added: {visible(change['name'])} {version}".rstrip() + known
    if kind == "dependency-bumped":
        return (f"dependency bumped: {visible(change['name'])} {change.get('old_version') or change.get('old_specifier')} → "
                f"{change.get('new_version') or change.get('new_specifier')}" + known)
    if kind == "dependency-removed":
        return f"dependency removed: {visible(change['name'])}"
    return _one_line(json.dumps(change))


def _finding_line(f: Mapping[str, Any]) -> str:
    tool = f" [{visible(str(f['tool']))}]" if f.get("tool") else ""
    was = f" (was {f['old_severity']})" if f.get("old_severity") else ""
    return f"{str(f.get('severity')).upper()}{was} {f.get('rule')}{tool}: {_one_line(f.get('title'))} ({f['fingerprint']})"


def render_text(diff: Mapping[str, Any]) -> str:
    old, new = diff["old"], diff["new"]
    lines = [f"mcpvet diff: {_label(old)} → {_label(new)}",
             f"score: {_score(old)} → {_score(new)}; tools {old['tools']} → {new['tools']}; "
             f"findings {old['findings']} → {new['findings']}"]
    for side, label in ((old, "old"), (new, "new")):
        if side.get("not_rated"):
            lines.append(f"{label} not rated: {_one_line(side['not_rated'], 300)}")
    tools = diff["tools"]
    if not any(tools.values()):
        lines.append("\ntools: unchanged")
    for t in tools["added"]:
        caps = ", ".join(t["capabilities"]) or "nothing found"
        lines.append(f"\n+ tool added: {t['name']} (does: {caps})")
        lines.append(f"    description: {_one_line(t['description'])}")
    for t in tools["removed"]:
        lines.append(f"\n- tool removed: {t['name']}")
    for c in tools["changed"]:
        lines.append(f"\n~ tool changed: {c['name']}")
        lines += [f"    {line}" for line in _change_lines(c, inline)]
    findings = diff["findings"]
    for key, label in (("new", "new findings"), ("raised", "findings with a higher severity"),
                       ("resolved", "resolved findings")):
        if findings[key]:
            lines.append(f"\n{label} ({len(findings[key])})")
            lines += [f"  {_finding_line(f)}" for f in findings[key]]
    if not any(findings.values()):
        lines.append("\nfindings: unchanged")
    changes = diff["provenance"]["changes"]
    if changes:
        lines.append(f"\nprovenance changes ({len(changes)})")
        lines += [f"  {provenance_line(c)}" for c in changes]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("`", "'").replace("<", "&lt;")


def _md_words(runs: list[Json]) -> str:
    return _md(inline(runs, delete=("~~", "~~"), insert=("**", "**")))


def render_markdown(diff: Mapping[str, Any]) -> str:
    old, new = diff["old"], diff["new"]
    lines = [f"## mcpvet diff: `{_md(_label(old))}` → `{_md(_label(new))}`", "",
             f"**Score:** {_score(old)} → {_score(new)} · **tools** {old['tools']} → {new['tools']} · "
             f"**findings** {old['findings']} → {new['findings']}", ""]
    tools = diff["tools"]
    if any(tools.values()):
        lines += ["### Tools", ""]
        for t in tools["added"]:
            lines.append(f"- ➕ `{_md(t['name'])}` added — does: {', '.join(t['capabilities']) or 'nothing found'} — "
                         f"{_md(_one_line(t['description'], 160))}")
        for t in tools["removed"]:
            lines.append(f"- ➖ `{_md(t['name'])}` removed")
        for c in tools["changed"]:
            lines.append(f"- ✏️ `{_md(c['name'])}` changed")
            lines += [f"  - {line if line.startswith('description: ') else _md(line)}"
                      for line in _change_lines(c, _md_words)]
        lines.append("")
    findings = diff["findings"]
    for key, label in (("new", "New findings"), ("raised", "Findings with a higher severity"),
                       ("resolved", "Resolved findings")):
        if findings[key]:
            lines += [f"### {label} ({len(findings[key])})", ""]
            lines += [f"- {_ICON.get(str(f.get('severity')), '')} {_md(_finding_line(f))}" for f in findings[key]]
            lines.append("")
    changes = diff["provenance"]["changes"]
    if changes:
        lines += [f"### Provenance changes ({len(changes)})", ""] + [f"- {_md(provenance_line(c))}" for c in changes] + [""]
    text = "\n".join(lines) + "\n"
    if len(text) > MARKDOWN_LIMIT:
        cut = text[: MARKDOWN_LIMIT - 200].rsplit("\n", 1)[0]
        text = cut + "\n\n_… cut to stay within a pull-request comment; see `--format json` for everything._\n"
    return text


def render_json(diff: Mapping[str, Any]) -> str:
    return json.dumps(diff, indent=2, ensure_ascii=True) + "\n"


_LEVEL = {"critical": "error", "high": "error", "medium": "warning", "low": "note", "info": "note"}
_SECURITY = {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "3.0", "info": "0.0"}
_CHANGE_RULES = {
    "tool-added": ("ToolAdded", "A tool was added", "note"),
    "tool-removed": ("ToolRemoved", "A tool was removed", "note"),
    "tool-changed": ("ToolChanged", "What a tool says or does changed", "warning"),
    "provenance-changed": ("ProvenanceChanged", "Who publishes the package, or how, changed", "warning"),
}


def _location(path: Any, line: Any) -> list[Json]:
    uri = path if isinstance(path, str) and path else "package.json"
    return [{"physicalLocation": {"artifactLocation": {"uri": uri, "uriBaseId": "PKGROOT"},
                                  "region": {"startLine": max(1, int(line or 1))}}}]


def render_sarif(diff: Mapping[str, Any]) -> str:
    """SARIF 2.1.0: each new or raised finding, and each tool or provenance change, as a result."""
    results: list[Json] = []
    rules: dict[str, Json] = {}
    for f in [*diff["findings"]["new"], *diff["findings"]["raised"]]:
        sev = str(f.get("severity"))
        rules.setdefault(str(f["rule"]), {
            "id": f["rule"], "name": "".join(w.title() for w in str(f["rule"]).split("-")),
            "shortDescription": {"text": str(f["rule"]).replace("-", " ")},
            "properties": {"security-severity": _SECURITY.get(sev, "0.0"), "tags": ["security", "mcp"]}})
        loc = f.get("location") or {}
        results.append({"ruleId": f["rule"], "level": _LEVEL.get(sev, "note"),
                        "message": {"text": visible(f"{'New' if 'old_severity' not in f else 'Raised'}: {f.get('title')}. "
                                                    f"{f.get('message')}")},
                        "locations": _location(loc.get("path"), loc.get("line")),
                        "partialFingerprints": {"mcpvetFinding/v1": f["fingerprint"]},
                        "properties": {"severity": sev, "tool": f.get("tool")}})

    def change(rule: str, text: str, where: Any, key: str) -> None:
        name, short, level = _CHANGE_RULES[rule]
        rules.setdefault(rule, {"id": rule, "name": name, "shortDescription": {"text": short},
                                "properties": {"security-severity": "0.0" if level == "note" else "4.0",
                                               "tags": ["mcp", "diff"]}})
        place = where if isinstance(where, Mapping) else {}
        results.append({"ruleId": rule, "level": level, "message": {"text": text},
                        "locations": _location(place.get("path"), place.get("line")),
                        "partialFingerprints": {"mcpvetChange/v1": f"{rule}/{key}"}})

    tools = diff["tools"]
    for t in tools["added"]:
        change("tool-added", f"Tool {t['name']} added (does: {', '.join(t['capabilities']) or 'nothing found'})",
               t.get("declared_at"), t["name"])
    for t in tools["removed"]:
        change("tool-removed", f"Tool {t['name']} removed", None, t["name"])
    for c in tools["changed"]:
        change("tool-changed", f"Tool {c['name']} changed: " + "; ".join(_change_lines(c, inline)), None, c["name"])
    for p in diff["provenance"]["changes"]:
        change("provenance-changed", provenance_line(p), None, f"{p['kind']}/{p.get('name') or p.get('hook') or ''}")
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "mcpvet", "rules": [rules[k] for k in sorted(rules)]}},
            "automationDetails": {"id": f"mcpvet-diff/{diff['new'].get('name')}/"},
            "originalUriBaseIds": {"PKGROOT": {"description": {"text": f"root of {diff['new'].get('name')}"}}},
            "results": results,
        }],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


RENDERERS: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "text": render_text, "json": render_json, "markdown": render_markdown, "sarif": render_sarif}
