"""One shared test over tests/cases/javascript/<category>/<case>/: source, expected.json, README.

expected.json:
  tools: [{name, description, capabilities (exact set of kinds),
           optional: handler (symbol), declared_in (path), input_schema, annotations, title, description_source,
           evidence {kind: call_path of the first evidence item}, unresolved (substrings)}]
  optional: errors (substrings that must appear in some error message), stats (exact values),
            behaviour ([{kind, context}] that must be present in package_behaviour)
The set of reported tool names must equal the expected set.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mcpvet.discover import discover
from mcpvet.frontends.javascript import JavaScriptFrontend
from mcpvet.model import FrontendResult
from mcpvet.options import InspectOptions
from mcpvet.semgrep import run_semgrep_many

CASES_ROOT = Path(__file__).resolve().parents[2] / "cases" / "javascript"
CASES = sorted(p.parent for p in CASES_ROOT.glob("*/*/expected.json"))


@pytest.fixture(scope="module")
def results() -> dict[Path, FrontendResult]:
    options = InspectOptions()
    trees = []
    for case in CASES:
        tree, errors = discover(case, name_hint=case.name)
        assert not [e for e in errors if e.stage != "discover"], errors
        trees.append(tree)
    runs = run_semgrep_many(trees, options)
    frontend = JavaScriptFrontend()
    return {case: frontend.analyze(tree, run.hits, options)
            for case, tree, run in zip(CASES, trees, runs, strict=True)}


def test_every_case_has_a_readme() -> None:
    assert CASES, "no cases found"
    for case in CASES:
        readme = case / "README.md"
        assert readme.is_file(), case
        assert readme.read_text("utf-8").strip().count("\n") == 0, f"{readme}: one line"


@pytest.mark.parametrize("case", CASES, ids=[f"{c.parent.name}/{c.name}" for c in CASES])
def test_case(case: Path, results: dict[Path, FrontendResult]) -> None:
    expected = json.loads((case / "expected.json").read_text("utf-8"))
    result = results[case]
    by_name = {t.name: t for t in result.tools}
    assert len(by_name) == len(result.tools), "a tool was reported twice"
    assert sorted(by_name) == sorted(t["name"] for t in expected["tools"]), result.errors
    for want in expected["tools"]:
        tool = by_name[want["name"]]
        assert tool.description == want["description"], want["name"]
        got_kinds = sorted(k.value for k in tool.capability_kinds)
        assert got_kinds == sorted(want["capabilities"]), (want["name"], tool.capabilities)
        if "declared_in" in want:
            assert tool.declared_at.path == want["declared_in"]
        if "handler" in want:
            assert tool.handler is not None and tool.handler.symbol == want["handler"]
        for key in ("input_schema", "annotations", "title", "description_source"):
            if key in want:
                assert getattr(tool, key) == want[key], (want["name"], key)
        for kind, path in want.get("evidence", {}).items():
            cap = next(c for c in tool.capabilities if c.kind.value == kind)
            assert list(cap.evidence[0].call_path) == path, cap.evidence
        for text in want.get("unresolved", []):
            assert any(text in u for u in tool.unresolved_calls), tool.unresolved_calls
    for key, value in expected.get("stats", {}).items():
        assert result.stats.get(key) == value, (key, result.stats)
    for text in expected.get("errors", []):
        assert any(text in e.message or text == e.path for e in result.errors), result.errors
    for want_b in expected.get("behaviour", []):
        assert any(
            b.kind.value == want_b["kind"] and b.context == want_b["context"] for b in result.package_behaviour
        ), result.package_behaviour
