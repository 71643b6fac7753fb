"""SARIF 2.1.0 for code scanning: one result per finding, call paths as codeFlows."""

from __future__ import annotations

import json
from typing import Any

from mcpvet.model import Evidence, Finding, Severity
from mcpvet.model.scorecard import Scorecard

_LEVEL = {Severity.CRITICAL: "error", Severity.HIGH: "error", Severity.MEDIUM:
    "warning", Severity.LOW: "note", Severity.INFO: "note"}
_SECURITY_SEVERITY = {Severity.CRITICAL:
    "9.5", Severity.HIGH: "8.0", Severity.MEDIUM: "5.5", Severity.LOW: "3.0", Severity.INFO: "0.0"}


def _physical(path: str, line: int) -> dict[str, Any]:
    return {
        "physicalLocation": {"artifactLocation": {"uri": path, "uriBaseId": "PKGROOT"}, "region": {"startLine": max(1, line)}}}


def _code_flow(ev: Evidence) -> dict[str, Any]:
    steps = [{"location": {"message": {"text": f"calls {name}" if i else
        f"tool handler {name}"}}} for i, name in enumerate(ev.call_path)]
    steps.append({"location": {**_physical(ev.location.path, ev.location.line), "message": {"text": f"reaches {ev.sink}"}}})
    return {"threadFlows": [{"locations": steps}]}


def _result(fid: str, f: Finding) -> dict[str, Any]:
    out: dict[str, Any] = {
        "ruleId": f.rule,
        "level": _LEVEL[f.severity],
        "message": {"text": f"{f.title}. {f.message}".strip()},
        "partialFingerprints": {"mcpvetFinding": f"{f.rule}/{f.tool or '-'}/{f.location.path if f.location else '-'}"},
        "properties": {"severity": f.severity.value, "tool": f.tool, "id": fid},
    }
    if f.location is not None:
        out["locations"] = [_physical(f.location.path, f.location.line)]
    if f.evidence:
        out["codeFlows"] = [_code_flow(ev) for ev in f.evidence[:5]]
    return out


def render_sarif(card: Scorecard) -> str:
    rules: dict[str, Severity] = {}
    for f in card.findings:
        if f.rule not in rules or f.severity > rules[f.rule]:
            rules[f.rule] = f.severity
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "mcpvet",
                        "version": card.analyzer_version,
                        "rules": [
                            {
                                "id": rid,
                                "name": rid,
                                "shortDescription": {"text": rid.replace("-", " ")},
                                "defaultConfiguration": {"level": _LEVEL[sev]},
                                "properties": {"security-severity": _SECURITY_SEVERITY[sev], "tags": ["security", "mcp"]},
                            }
                            for rid, sev in sorted(rules.items())
                        ],
                    }
                },
                "originalUriBaseIds": {"PKGROOT": {"description": {"text": f"root of {card.target.name}"}}},
                "results": [_result(fid, f) for fid, f in zip(card.finding_ids(), card.findings, strict=True)],
                "invocations": [
                    {
                        "executionSuccessful": True,
                        "toolExecutionNotifications": [
                            {"level": "warning", "message": {"text": f"[{e.stage}] {e.path + ': ' if e.path else ''}{e.message}"}}
                            for e in card.errors
                        ],
                    }
                ],
            }
        ],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
