"""The description-text check over the case folders tests/cases/<language>/poisoning/<case>/.

Besides what the frontend case tests read, their expected.json lists `findings` ({rule, tool,
min_severity, field}: the finding must be there, at least that severe, naming that field) and
`must_not_flag` (tools, the benign twins, with no finding at medium or above).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mcpvet.checks.analysis.description_text import CHECK
from mcpvet.discover import discover
from mcpvet.frontends.javascript import JavaScriptFrontend
from mcpvet.frontends.python import PythonFrontend
from mcpvet.model import Severity
from mcpvet.options import InspectOptions
from tests.checks.support import facts

CASES = sorted(p.parent for p in (Path(__file__).resolve().parents[1] / "cases").glob("*/poisoning/*/expected.json"))
_ORDER = [Severity.INFO, Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL]


def test_both_languages_have_cases() -> None:
    assert {c.parents[1].name for c in CASES} == {"python", "javascript"}


@pytest.mark.parametrize("case", CASES, ids=[f"{c.parents[1].name}/{c.name}" for c in CASES])
def test_poisoning_case(case: Path) -> None:
    expected = json.loads((case / "expected.json").read_text("utf-8"))
    tree, _ = discover(case, name_hint=case.name)
    frontend = PythonFrontend() if case.parents[1].name == "python" else JavaScriptFrontend()
    result = frontend.analyze(tree, [], InspectOptions())
    out = CHECK.run(facts(None, list(result.tools)))
    for want in expected["findings"]:
        got = [f for f in out.findings if f.rule == want["rule"] and f.tool == want["tool"]]
        assert got, (want, out.findings)
        assert _ORDER.index(got[0].severity) >= _ORDER.index(Severity(want["min_severity"])), got
        assert f"in {want['field']}:" in got[0].message, got[0].message
    twins = set(expected["must_not_flag"])
    assert twins <= {t.name for t in result.tools}
    loud = [f for f in out.findings if f.tool in twins and _ORDER.index(f.severity) >= _ORDER.index(Severity.MEDIUM)]
    assert loud == []
