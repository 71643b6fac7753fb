"""The data-flow twins (argument to sink, issue 13): every rule of the `tool-flow` check has a
malicious case and a benign twin (differing only in the guard the rule is about) in each
language. `test_twins.py` runs them through the whole pipeline."""

from __future__ import annotations

import json
from pathlib import Path

from mcpvet.checks.analysis.tool_flow import CHECK


def _rules(case: Path) -> set[str]:
    expect = json.loads((case / "expect.json").read_text("utf-8"))
    return {w["rule"] for w in [*expect.get("must", []), *expect.get("must_not", [])]}


CASES = sorted(p.parent for p in (Path(__file__).parent / "cases").glob("*/expect.json")
               if _rules(p.parent) & set(CHECK.rules))


def test_every_flow_rule_has_a_malicious_and_a_benign_case_in_each_language() -> None:
    seen: dict[tuple[str, str], set[str]] = {}
    for case in CASES:
        language = case.name.split("-", 1)[0]
        kind = case.name.rsplit("-", 1)[1]
        for rule in _rules(case):
            seen.setdefault((rule, language), set()).add(kind)
    for rule in CHECK.rules:
        assert seen.get((rule, "py")) == {"malicious", "benign"}, rule
        assert seen.get((rule, "ts")) == {"malicious", "benign"}, rule
