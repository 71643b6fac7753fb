"""SARIF for GitHub code scanning: schema-valid, a location on every result, rules with names, help
and security severity, stable fingerprints, and GitHub's upload limits held on a very large card."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import replace
from typing import Any

import jsonschema
import pytest
from tests.conftest import FIXTURES, ROOT

from mcpvet.fingerprint import fingerprint
from mcpvet.model import (
    AnalysisError,
    CheckResult,
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
from mcpvet.model.core import Capability
from mcpvet.model.scorecard import ProvenanceSummary, Scorecard
from mcpvet.render.sarif import DOC_URL, LIMITS, Limits, render_sarif, rule_name
from mcpvet.score import compute

SCHEMA = FIXTURES / "sarif" / "sarif-schema-2.1.0.json"
# what GitHub code scanning accepts at most ("SARIF support for code scanning"); LIMITS must stay within
GITHUB_MAX_RESULTS = 25_000
GITHUB_MAX_FLOW_LOCATIONS = 10_000
GITHUB_MAX_LOCATIONS = 1_000
GITHUB_MAX_TAGS = 20
GITHUB_MAX_BYTES = 10 * 1024 * 1024


@functools.lru_cache(maxsize=1)
def _validator() -> Any:
    schema = json.loads(SCHEMA.read_text("utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _schema_errors(doc: dict[str, Any]) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in _validator().iter_errors(doc)][:10]


def _tool(name: str, path: str = "src/p/server.py", line: int = 10) -> Tool:
    ev = Evidence(Location("src/p/net.py", 14), "urllib.request.urlopen", (f"p.server.{name}", "p.net.post"))
    return Tool(name=name, description=f"{name} things", input_schema={"type": "object"},
                declared_at=Location(path, line), handler=HandlerRef(Location(path, line + 1), f"p.server.{name}"),
                language=Language.PYTHON, capabilities=(Capability(Kind.NETWORK, (ev,)),))


def _card(findings: list[Finding], *, tools: tuple[Tool, ...] = (), manifest: str | None = "pyproject.toml",
          errors: tuple[AnalysisError, ...] = ()) -> Scorecard:
    score = compute([CheckResult("tool-behaviour", 2.0, Severity.CRITICAL, "x")])
    return Scorecard("0.1.0", Target("pypi:p", Ecosystem.PYPI, "p", "1.0"), (Language.PYTHON,), tools,
                     tuple(findings), ProvenanceSummary(), score, errors, manifest=manifest)


EV = Evidence(Location("src/p/net.py", 14), "urllib.request.urlopen", ("p.server.add", "p.net.post"))
TOOL_FINDING = Finding("undeclared-capability", Severity.HIGH, "Tool 'add' can use the network", "Reached via post.",
                       tool="add", location=EV.location, evidence=(EV,))
PACKAGE_FINDING = Finding("no-source-repository", Severity.LOW, "No source repository declared", "Nothing to compare.")
TOOL_ONLY = Finding("dynamic-description", Severity.LOW, "The description of `add` could not be read", "…", tool="add")


def _doc(card: Scorecard, limits: Limits = LIMITS) -> dict[str, Any]:
    return json.loads(render_sarif(card, limits))


def test_small_card_is_schema_valid_and_every_result_is_located() -> None:
    doc = _doc(_card([TOOL_FINDING, PACKAGE_FINDING, TOOL_ONLY], tools=(_tool("add"),)))
    assert _schema_errors(doc) == []
    results = doc["runs"][0]["results"]
    assert all(r["locations"] and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results)
    by_rule = {r["ruleId"]: r["locations"][0]["physicalLocation"] for r in results}
    assert by_rule["undeclared-capability"]["artifactLocation"]["uri"] == "src/p/net.py"
    assert by_rule["undeclared-capability"]["region"]["startLine"] == 14
    assert by_rule["no-source-repository"]["artifactLocation"]["uri"] == "pyproject.toml"  # the manifest
    assert by_rule["dynamic-description"]["artifactLocation"]["uri"] == "src/p/server.py"  # its tool's declaration
    assert doc["runs"][0]["properties"]["mcpvet/truncated"] == []


@pytest.mark.parametrize("manifest", ["package.json", "setup.py", "PKG-INFO", "p-1.0.dist-info/METADATA"])
def test_package_level_results_point_at_the_manifest_the_package_has(manifest: str) -> None:
    doc = _doc(_card([PACKAGE_FINDING], manifest=manifest))
    assert doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == manifest


def test_rules_have_names_help_severity_and_tags() -> None:
    doc = _doc(_card([TOOL_FINDING, PACKAGE_FINDING, replace(TOOL_FINDING, severity=Severity.CRITICAL)]))
    rules = doc["runs"][0]["tool"]["driver"]["rules"]
    anchors = (ROOT / "docs" / "rules.md").read_text("utf-8")
    for rule in rules:
        assert rule["name"] != rule["id"] and re.fullmatch(r"[A-Z][A-Za-z0-9]*", rule["name"])
        assert rule["helpUri"] == f"{DOC_URL}#{rule['id']}"
        assert f"### `{rule['id']}`" in anchors
        assert 0 < len(rule["properties"]["tags"]) <= LIMITS.tags
        float(rule["properties"]["security-severity"])
    worst = {r["id"]: r["properties"]["security-severity"] for r in rules}
    assert worst == {"undeclared-capability": "9.5", "no-source-repository": "3.0"}  # the worst severity of the run
    for r in doc["runs"][0]["results"]:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]


def test_rule_name_is_not_the_id() -> None:
    assert rule_name("undeclared-capability") == "UndeclaredCapability"
    assert rule_name("registry-ownership-unclaimed") == "RegistryOwnershipUnclaimed"


def test_fingerprints_are_stable_across_runs_and_line_moves() -> None:
    a = _doc(_card([TOOL_FINDING, PACKAGE_FINDING]))
    moved = replace(TOOL_FINDING, location=Location("src/p/net.py", 99))
    b = _doc(_card([PACKAGE_FINDING, moved]))  # other order, so other finding numbers, and another line
    fa = {r["ruleId"]: r["partialFingerprints"] for r in a["runs"][0]["results"]}
    fb = {r["ruleId"]: r["partialFingerprints"] for r in b["runs"][0]["results"]}
    assert fa == fb
    assert fingerprint(TOOL_FINDING) != fingerprint(replace(TOOL_FINDING, tool="other"))
    located = replace(PACKAGE_FINDING, location=Location("src/p/a.py", 3))
    assert fingerprint(located) != fingerprint(replace(located, location=Location("src/p/other.py", 3)))
    assert all(set(r["partialFingerprints"]) == {"mcpvetFinding/1"} for r in a["runs"][0]["results"])


def _huge_card(n_findings: int, path_len: int) -> Scorecard:
    tools = tuple(_tool(f"t{i}", f"src/p/m{i % 50}.py", i) for i in range(200))
    findings = []
    call_path = tuple(f"p.m.f{j}" for j in range(path_len))
    evidence = tuple(Evidence(Location(f"src/p/m{k}.py", k + 1), "subprocess.run", call_path) for k in range(8))
    for i in range(n_findings):
        sev = (Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW)[min(3, i * 4 // n_findings)]
        findings.append(Finding(f"rule-{i % 40}", sev, f"finding {i} " + "x" * 200, "m" * 6000, tool=f"t{i % 200}",
                                location=None if i % 3 else Location(f"src/p/m{i % 50}.py", i + 1), evidence=evidence))
    errors = tuple(AnalysisError("python", f"file {i} not parsed", f"src/p/gen{i}.py") for i in range(3000))
    return _card(findings, tools=tools, errors=errors)


@pytest.mark.timeout(600)
def test_a_huge_card_stays_within_github_limits_and_says_what_was_cut() -> None:
    card = _huge_card(30_000, 400)
    text = render_sarif(card)
    assert len(text.encode("utf-8")) <= min(LIMITS.file_bytes, GITHUB_MAX_BYTES)
    doc = json.loads(text)
    assert len(doc["runs"]) == 1
    run = doc["runs"][0]
    results = run["results"]
    assert 0 < len(results) <= min(LIMITS.results, GITHUB_MAX_RESULTS)
    for r in results:
        assert 1 <= len(r["locations"]) <= GITHUB_MAX_LOCATIONS
        flow_steps = sum(len(t["locations"]) for f in r.get("codeFlows", []) for t in f["threadFlows"])
        assert flow_steps <= min(LIMITS.flow_locations, GITHUB_MAX_FLOW_LOCATIONS)
    assert all(len(rule["properties"]["tags"]) <= GITHUB_MAX_TAGS for rule in run["tool"]["driver"]["rules"])
    # the most severe are kept; what was cut is said twice: run properties and a notification
    assert results[0]["properties"]["severity"] == "critical"
    cut = run["properties"]["mcpvet/truncated"]
    assert any("findings left out" in c for c in cut) and any("'not analysed' entries left out" in c for c in cut)
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert notes[0]["message"]["text"].startswith("mcpvet cut this report")
    assert len(notes) <= LIMITS.notifications + 1
    # a sample of the large document is schema-valid (the whole one validates too, but slowly)
    sample = {**doc, "runs": [{**run, "results": results[:50]}]}
    assert _schema_errors(sample) == []


def test_the_file_size_limit_drops_call_paths_then_the_least_severe() -> None:
    card = _huge_card(600, 50)
    limits = Limits(file_bytes=400_000)
    text = render_sarif(card, limits)
    assert len(text.encode("utf-8")) <= limits.file_bytes
    doc = json.loads(text)
    run = doc["runs"][0]
    assert _schema_errors(doc) == []
    assert all("codeFlows" not in r for r in run["results"])
    assert 0 < len(run["results"]) < 600
    cut = run["properties"]["mcpvet/truncated"]
    assert any("codeFlows" in c for c in cut) and any("to stay under 400,000 bytes" in c for c in cut)
    severities = [Severity(r["properties"]["severity"]).rank for r in run["results"]]
    assert severities == sorted(severities, reverse=True)  # what was dropped was the least severe
    for r in run["results"]:
        assert run["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] == r["ruleId"]


def test_long_call_paths_are_cut_with_a_step_that_says_so() -> None:
    ev = Evidence(Location("a.py", 1), "os.system", tuple(f"f{i}" for i in range(5000)))
    f = replace(TOOL_FINDING, evidence=(ev,))
    run = _doc(_card([f]))["runs"][0]
    steps = run["results"][0]["codeFlows"][0]["threadFlows"][0]["locations"]
    assert len(steps) <= LIMITS.flow_locations
    assert any("more calls" in s["location"]["message"]["text"] for s in steps)
    assert steps[-1]["location"]["message"]["text"] == "reaches os.system"


def test_sarif_of_a_real_analysis_is_valid_and_package_findings_sit_on_the_manifest(capsys, monkeypatch, tmp_path) -> None:
    from tests.support.cli import run_cli
    from tests.support.registry import copy_case

    pkg = copy_case("py-aws-creds-dataclass-session", tmp_path / "pkg")
    code, out, _ = run_cli(["inspect", str(pkg), "--format", "sarif", "--offline", "--fail-on", "none"], capsys, monkeypatch)
    assert code == 0
    doc = json.loads(out)
    assert _schema_errors(doc) == []
    results = doc["runs"][0]["results"]
    assert results and all(r["locations"] for r in results)
    package_level = [r for r in results if r["properties"]["package-level"]]
    assert package_level
    for r in package_level:
        uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri == "pyproject.toml" or (pkg / uri).is_file()
    for r in results:
        assert (pkg / r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]).is_file()
