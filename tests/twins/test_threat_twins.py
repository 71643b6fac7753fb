"""The threat twins (issue 13): every rule of the `tool-threats` check has malicious cases and
benign twins in Python and in TypeScript. `test_twins.py` runs them through the whole pipeline."""

from __future__ import annotations

import json
from pathlib import Path

from mcpvet.checks.analysis.tool_threats import CHECK

CASES = sorted(p.parent for p in (Path(__file__).parent / "cases").glob("*/expect.json"))


def test_every_threat_rule_has_a_malicious_and_a_benign_case_in_each_language() -> None:
    seen: dict[tuple[str, str], set[str]] = {}
    for case in CASES:
        expect = json.loads((case / "expect.json").read_text("utf-8"))
        language = case.name.split("-", 1)[0]
        kind = case.name.rsplit("-", 1)[1]
        for want in [*expect.get("must", []), *expect.get("must_not", [])]:
            seen.setdefault((want["rule"], language), set()).add(kind)
    for rule in CHECK.rules:
        for language in ("py", "ts"):
            assert seen.get((rule, language)) == {"malicious", "benign"}, (rule, language)
