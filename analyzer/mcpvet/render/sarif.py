"""SARIF 2.1.0 that GitHub code scanning accepts: one result per finding, call paths as codeFlows.

What code scanning needs, and how it is met here:
- every result has a location: a finding about the whole package (provenance, name, repository)
  points at the package's manifest (`Scorecard.manifest`), else at its tool's declaration;
- each rule has a `name` that is not its id, a `helpUri` to its anchor in docs/rules.md, a
  `security-severity` (the worst severity it has in this run) and `tags`;
- `partialFingerprints` stable across runs (`mcpvet.fingerprint`), so an alert is tracked, not
  re-opened, when lines move;
- GitHub's upload limits (`LIMITS`, from "SARIF support for code scanning"): at most 25,000 results
  per run, of which only the top 5,000 by severity are shown (we emit at most 5,000, most severe
  first, as the scorecard orders them), 10,000 thread-flow locations per result (1,000 shown), 1,000
  locations per result (100 shown), 20 tags per rule (10 shown), 10 MB per file. What is cut is
  said in a tool notification and in `run.properties["mcpvet/truncated"]`, never dropped silently.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from mcpvet.fingerprint import FINGERPRINT_VERSION, fingerprint
from mcpvet.model import Evidence, Finding, Location, Severity
from mcpvet.model.scorecard import Scorecard

DOC_URL = "https://github.com/mcpvet/mcpvet/blob/main/docs/rules.md"
"""The published rule reference: every rule id is a heading (anchor) there."""

_LEVEL = {Severity.CRITICAL: "error", Severity.HIGH: "error", Severity.MEDIUM:
    "warning", Severity.LOW: "note", Severity.INFO: "note"}
_SECURITY_SEVERITY = {Severity.CRITICAL:
    "9.5", Severity.HIGH: "8.0", Severity.MEDIUM: "5.5", Severity.LOW: "3.0", Severity.INFO: "0.0"}
_FINGERPRINT_KEY = f"mcpvetFinding/{FINGERPRINT_VERSION.rsplit('/', 1)[-1]}"  # a new key when the scheme changes
_BASE = "%SRCROOT%"  # the analysed root: the repository's checkout when the target is `.`


@dataclass(frozen=True)
class Limits:
    """What one SARIF file may hold. Defaults: what GitHub code scanning shows (its hard limits are higher)."""

    results: int = 5_000  # shown: 5,000 per run (accepted: 25,000)
    flow_locations: int = 1_000  # thread-flow locations per result shown (accepted: 10,000)
    flows_per_result: int = 5
    flow_locations_total: int = 50_000  # across the run (about 5 MB): the file-size limit binds long before
    tags: int = 10  # shown per rule (accepted: 20)
    notifications: int = 500  # not a GitHub limit: keeps the file small when thousands of files were skipped
    message_chars: int = 4_000
    file_bytes: int = 9_500_000  # GitHub refuses files over 10 MB; kept under it with room to spare


LIMITS = Limits()


def rule_url(rule: str) -> str:
    return f"{DOC_URL}#{rule}"


def rule_name(rule: str) -> str:
    """A readable name that is not the id: `undeclared-capability` -> `UndeclaredCapability`."""
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^A-Za-z0-9]+", rule) if part) or "Rule"


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _physical(path: str, line: int) -> dict[str, Any]:
    return {"physicalLocation": {"artifactLocation": {"uri": path, "uriBaseId": _BASE},
                                 "region": {"startLine": max(1, line)}}}


def _code_flow(ev: Evidence, steps_allowed: int) -> dict[str, Any]:
    """The call path as thread-flow locations, at most `steps_allowed` of them (head kept, the rest said)."""
    names = list(ev.call_path)
    omitted = 0
    if len(names) + 1 > steps_allowed:
        keep = max(1, steps_allowed - 2)
        omitted = len(names) - keep
        names = names[:keep]
    # a flow from the tool's parameters (evidence controlled_by) starts at them and ends in the sink's argument
    given = f" given {', '.join(ev.controlled_by)}" if ev.controlled_by else ""
    steps: list[dict[str, Any]] = [{"location": {"message": {"text": f"calls {name}" if i else f"tool handler {name}{given}"}}}
                                   for i, name in enumerate(names)]
    if omitted:
        steps.append({"location": {"message": {"text": f"… {omitted} more calls (cut to fit code scanning)"}}})
    into = f" with {', '.join(ev.controlled_by)} in its argument" if ev.controlled_by else ""
    steps.append({"location": {**_physical(ev.location.path, ev.location.line), "message": {"text": f"reaches {ev.sink}{into}"}}})
    return {"threadFlows": [{"locations": steps}]}


class _Places:
    """Where a finding without a location of its own is shown: the manifest, else its tool's declaration."""

    def __init__(self, card: Scorecard) -> None:
        self.tools = {t.name: t.declared_at for t in card.tools}
        fallback: Location | None = Location(card.manifest, 1) if card.manifest else None
        if fallback is None:
            located = [f.location for f in card.findings if f.location is not None]
            fallback = located[0] if located else next(iter(self.tools.values()), None)
        self.fallback = fallback or Location("package.json" if card.target.ecosystem.value == "npm" else "pyproject.toml", 1)

    def of(self, f: Finding) -> Location:
        if f.location is not None:
            return f.location
        if f.tool is not None and f.tool in self.tools:
            return self.tools[f.tool]
        return self.fallback


def _result(fid: str, f: Finding, rule_index: int, places: _Places, limits: Limits, flow_room: int) -> dict[str, Any]:
    where = places.of(f)
    out: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": _LEVEL[f.severity],
        "message": {"text": _clip(f"{f.title}. {f.message}".strip(), limits.message_chars)},
        "locations": [_physical(where.path, where.line)],
        "partialFingerprints": {_FINGERPRINT_KEY: fingerprint(f)},
        "properties": {"severity": f.severity.value, "tool": f.tool, "id": fid, "package-level": f.location is None},
    }
    flows = f.evidence[: limits.flows_per_result]
    if flows and flow_room >= 2 * len(flows):
        per_flow = max(2, min(limits.flow_locations, flow_room) // len(flows))
        out["codeFlows"] = [_code_flow(ev, per_flow) for ev in flows]
    return out


def _rule(rid: str, sev: Severity, limits: Limits) -> dict[str, Any]:
    words = rid.replace("-", " ")
    return {
        "id": rid,
        "name": rule_name(rid),
        "shortDescription": {"text": words[:1].upper() + words[1:]},
        "fullDescription": {"text": f"mcpvet rule {rid}: see {rule_url(rid)} for what it means and how to fix it."},
        "helpUri": rule_url(rid),
        "help": {"text": f"What {rid} means and how to fix it: {rule_url(rid)}",
                 "markdown": f"What `{rid}` means and how to fix it: [docs/rules.md#{rid}]({rule_url(rid)})"},
        "defaultConfiguration": {"level": _LEVEL[sev]},
        "properties": {"security-severity": _SECURITY_SEVERITY[sev], "tags": ["security", "mcp"][: limits.tags],
                       "precision": "medium"},
    }


def sarif_document(card: Scorecard, limits: Limits = LIMITS) -> dict[str, Any]:
    """The SARIF log as a dict, within `limits`; what had to be cut is said in the run."""
    truncated: list[str] = []
    pairs = list(zip(card.finding_ids(), card.findings, strict=True))  # most severe first (the scorecard's order)
    if len(pairs) > limits.results:
        truncated.append(f"{len(pairs) - limits.results} of {len(pairs)} findings left out (code scanning shows "
                         f"{limits.results} per run); the most severe are kept; --format json has them all")
        pairs = pairs[: limits.results]
    worst: dict[str, Severity] = {}
    for _, f in pairs:
        if f.rule not in worst or f.severity > worst[f.rule]:
            worst[f.rule] = f.severity
    order = sorted(worst)
    index = {rid: i for i, rid in enumerate(order)}
    places = _Places(card)
    results = []
    flow_room = limits.flow_locations_total
    without_flows = 0
    for fid, f in pairs:
        result = _result(fid, f, index[f.rule], places, limits, flow_room)
        flow_room -= sum(len(t["locations"]) for flow in result.get("codeFlows", ()) for t in flow["threadFlows"])
        without_flows += bool(f.evidence) and "codeFlows" not in result
        results.append(result)
    if without_flows:
        truncated.append(f"call paths of {without_flows} less severe findings left out "
                         f"({limits.flow_locations_total:,} call-path steps per report)")
    if any(len(f.evidence) > limits.flows_per_result for _, f in pairs):
        truncated.append(f"call paths: at most {limits.flows_per_result} per finding")
    errors = list(card.errors)
    notes = [{"level": "warning", "message": {"text": _clip(f"[{e.stage}] {e.path + ': ' if e.path else ''}{e.message}",
                                                            limits.message_chars)}}
             for e in errors[: limits.notifications]]
    if len(errors) > limits.notifications:
        truncated.append(f"{len(errors) - limits.notifications} of {len(errors)} 'not analysed' entries left out")
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "mcpvet", "version": card.analyzer_version, "informationUri": DOC_URL,
                            "rules": [_rule(rid, worst[rid], limits) for rid in order]}},
        "originalUriBaseIds": {_BASE: {"description": {"text": f"the root of {card.target.name}"}}},
        "results": results,
        "invocations": [{"executionSuccessful": not card.failed, "toolExecutionNotifications": notes}],
        "properties": {"mcpvet/target": card.target.spec, "mcpvet/truncated": truncated},
    }
    doc: dict[str, Any] = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": [run]}
    return _fit(doc, limits)


def _size(doc: dict[str, Any]) -> int:
    return len(json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def _fit(doc: dict[str, Any], limits: Limits) -> dict[str, Any]:
    """Cut to `limits.file_bytes` (compact JSON): call paths first, then the least severe results."""
    run = doc["runs"][0]
    truncated: list[str] = run["properties"]["mcpvet/truncated"]
    budget = limits.file_bytes - 8_192  # room for the notification that says what was cut
    if _size(doc) <= budget:
        return doc
    for r in run["results"]:
        r.pop("codeFlows", None)
    truncated.append("call paths (codeFlows) left out to stay under the file size code scanning accepts")
    results: list[dict[str, Any]] = run["results"]
    run["results"] = []
    room = budget - _size(doc)
    kept = 0
    for r in results:  # most severe first: keep the longest prefix that fits
        room -= _size(r) + 1
        if room < 0:
            break
        kept += 1
    run["results"] = results[:kept]
    if kept < len(results):
        truncated.append(f"{len(results) - kept} more findings left out to stay under {limits.file_bytes:,} bytes")
    used = {r["ruleId"] for r in run["results"]}
    rules = [rule for rule in run["tool"]["driver"]["rules"] if rule["id"] in used]
    run["tool"]["driver"]["rules"] = rules
    positions = {rule["id"]: i for i, rule in enumerate(rules)}
    for r in run["results"]:
        r["ruleIndex"] = positions[r["ruleId"]]
    return doc


def render_sarif(card: Scorecard, limits: Limits = LIMITS) -> str:
    doc = sarif_document(card, limits)
    run = doc["runs"][0]
    if run["properties"]["mcpvet/truncated"]:
        run["invocations"][0]["toolExecutionNotifications"].insert(0, {
            "level": "warning",
            "message": {"text": "mcpvet cut this report to fit GitHub code scanning: "
                        + "; ".join(run["properties"]["mcpvet/truncated"])}})
    text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    if len(text.encode("utf-8")) > limits.file_bytes:
        text = json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n"
    return text
