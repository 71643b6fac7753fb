"""The data-flow twins (argument to sink, issue 13) through the whole pipeline (`mcpvet inspect`).

Each folder of tests/twins/cases is a small package (never run) with `expect.json`:
  why: the class of cause the pair stands for
  must: findings that must be reported, each {rule, [severity], [tool]}
  must_not: findings that must not be reported at medium or above, each {rule, [tool]}
This file runs the folders whose rule is one of the data-flow check's (`tool-flow`); a benign
folder differs from its malicious twin only in the guard the rule is about."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mcpvet.checks.analysis.tool_flow import CHECK
from tests.support.cli import run_cli

SERIOUS = ("critical", "high", "medium")


def _rules(case: Path) -> set[str]:
    expect = json.loads((case / "expect.json").read_text("utf-8"))
    return {w["rule"] for w in [*expect.get("must", []), *expect.get("must_not", [])]}


CASES = sorted(p.parent for p in (Path(__file__).parent / "cases").glob("*/expect.json")
               if _rules(p.parent) & set(CHECK.rules))


def _matches(finding: dict[str, Any], want: dict[str, Any]) -> bool:
    return all(finding.get(k) == v for k, v in want.items())


def test_every_flow_rule_has_a_malicious_and_a_benign_case_in_each_language() -> None:
    seen: dict[tuple[str, str], set[str]] = {}
    for case in CASES:
        language = case.name.split("-", 1)[0]
        kind = case.name.rsplit("-", 1)[1]
        for rule in _rules(case):
            seen.setdefault((rule, language), set()).add(kind)
    for rule in CHECK.rules:
        assert seen.get((rule, "py")) == {"malicious", "benign"}, rule


@pytest.mark.parametrize("case", CASES, ids=[p.name for p in CASES])
def test_flow_twin(case: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    expect = json.loads((case / "expect.json").read_text("utf-8"))
    code, out, err = run_cli(["inspect", str(case), "--format", "json", "--offline"], capsys, monkeypatch)
    assert code in (0, 1), err
    findings = json.loads(out)["findings"]
    for want in expect.get("must", []):
        assert any(_matches(f, want) for f in findings), (want, [(f["rule"], f["severity"], f["tool"]) for f in findings])
    for unwanted in expect.get("must_not", []):
        hits = [f for f in findings if _matches(f, unwanted) and f["severity"] in SERIOUS]
        assert not hits, [(f["rule"], f["severity"], f["message"]) for f in hits]
