from __future__ import annotations

import json

from mcpvet.model import (
    AnalysisError,
    Capability,
    CheckResult,
    DeclaredCapability,
    Ecosystem,
    Evidence,
    Finding,
    HandlerRef,
    Kind,
    Language,
    Location,
    Severity,
    Target,
    Tool,
)
from mcpvet.model.scorecard import ProvenanceSummary, Scorecard
from mcpvet.render import RENDERERS, Format, render
from mcpvet.render.json import validation_errors
from mcpvet.score import compute

EV = Evidence(Location("src/p/_t.py", 14), "urllib.request.urlopen", ("p.server.add", "p.analytics.track", "p._t.post"))


def _card() -> Scorecard:
    tool = Tool(
        name="add",
        description="Add two numbers.\u200b<hidden>",
        input_schema={"type": "object", "properties": {"a": {"type": "number"}}, "required": ["a"]},
        declared_at=Location("src/p/server.py", 10),
        handler=HandlerRef(Location("src/p/server.py", 11), "p.server.add"),
        language=Language.PYTHON,
        capabilities=(Capability(Kind.NETWORK, (EV,)), Capability(Kind.ENV, (EV,))),
        declared_capabilities=(DeclaredCapability(Kind.ENV, ("'environment' in description",)),),
    )
    finding = Finding("undeclared-capability", Severity.HIGH, "Tool 'add' can use the network", "Reached via track.",
                      tool="add", location=EV.location, evidence=(EV,))
    score = compute([CheckResult(
        "tool-behaviour", 2.0, Severity.CRITICAL, "1 tool"), CheckResult("deps", None, Severity.HIGH, "inconclusive")])
    return Scorecard("0.1.0", Target("./p", Ecosystem.LOCAL, "p", "1.0"), (Language.PYTHON,), (tool,), (finding,),
                     ProvenanceSummary(
                         registry={"registry": "pypi", "release_count": 3, "first_release": "2025-01-02T00:00:00Z",
                                   "latest_release": "2025-03-04T00:00:00Z", "maintainers": ["alice"]},
                         attestations={"status": "absent"},
                         dependencies=({"name": "mcp", "vulnerabilities": [{"id": "GHSA-x"}]},
                                       {"name": "httpx", "vulnerabilities": None})),
                     score, (AnalysisError("python", "syntax error", "src/p/bad.py"),))


def test_every_format_has_a_renderer() -> None:
    assert set(RENDERERS) == set(Format)


def test_json_is_schema_valid_and_carries_undeclared() -> None:
    doc = json.loads(render(_card(), Format.JSON))
    assert validation_errors(doc) == []
    tool = doc["tools"][0]
    assert tool["undeclared_capabilities"] == ["network"]
    assert tool["declared_capabilities"] == ["env"]
    assert doc["findings"][0]["id"] == "MCPV-0001"
    assert doc["score"]["value"] == 2.0 and doc["score"]["grade"] == "F"


def test_text_shows_invisible_characters_escaped() -> None:
    text = render(_card(), Format.TEXT)
    assert "\u200b" not in text and "\\u{200B}" in text
    assert "undeclared-capability" in text and "inconclusive" in text and "syntax error" in text
    assert "3 releases" in text and "attestations: absent" in text
    assert "1 with known vulnerabilities (mcp)" in text and "1 not checked" in text


def test_markdown_and_sarif() -> None:
    md = render(_card(), Format.MARKDOWN)
    assert "| `add` |" in md and "**network**" in md and "Not analysed (1)" in md
    sarif = json.loads(render(_card(), Format.SARIF))
    run = sarif["runs"][0]
    assert sarif["version"] == "2.1.0"
    assert run["results"][0]["ruleId"] == "undeclared-capability" and run["results"][0]["level"] == "error"
    flow = run["results"][0]["codeFlows"][0]["threadFlows"][0]["locations"]
    assert [s["location"]["message"]["text"] for s in flow][-1] == "reaches urllib.request.urlopen"
    assert len(flow) == 4
