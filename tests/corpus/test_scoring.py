"""Our corpus scorer (tests/support/scoring.py) on hand-made truths and scorecards."""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

import pytest

from tests.support.scoring import below, run_cases, score_case, summarise

TRUTH = {
    "id": "demo",
    "tools": [
        {"name": "add", "description": "Add two numbers.", "capabilities": ["network", "env"],
         "declared_capabilities": [], "optional_capabilities": ["fs_read"]},
        {"name": "fetch", "description": "Fetch a URL.", "capabilities": ["network"],
         "declared_capabilities": ["network"]},
    ],
    "expected_findings": [
        {"rule": "undeclared-capability", "tool": "add", "min_severity": "high"},
        {"rule": ["install-script", "obfuscated-code"], "tool": None, "min_severity": "medium"},
    ],
    "must_not_flag": ["fetch"],
}

PERFECT = {
    "tools": [
        {"name": "add", "description": "Add  two\nnumbers.", "capabilities": [{"kind": "network"}, {"kind": "env"},
                                                                          {"kind": "fs_read"}],
         "undeclared_capabilities": ["network", "env", "fs_read"]},
        {"name": "fetch", "description": "Fetch a URL.", "capabilities": [{"kind": "network"}],
         "undeclared_capabilities": []},
    ],
    "findings": [
        {"rule": "undeclared-capability", "tool": "add", "severity": "critical"},
        {"rule": "obfuscated-code", "tool": None, "severity": "medium"},
        {"rule": "sensitive-path", "tool": "fetch", "severity": "low"},
    ],
}


def test_a_perfect_scorecard_scores_one() -> None:
    res = score_case(TRUTH, PERFECT)
    m = summarise([res])
    assert res.misses == []
    assert all(m[k] == 1.0 for k in ("tools_recall", "tools_precision", "desc_exact", "caps_precision",
                                     "caps_recall", "caps_f1", "undeclared_recall", "undeclared_precision",
                                     "findings_recall"))
    assert m["undeclared_fp_rate"] == 0.0  # fetch: nothing undeclared, nothing reported
    assert (m["must_not_flag_violations"], m["crashes"], m["timeouts"], m["schema_invalid"]) == (0, 0, 0, 0)


def test_each_kind_of_mistake_costs_its_metric() -> None:
    card = copy.deepcopy(PERFECT)
    add, fetch = card["tools"]
    add["description"] = "Adds two numbers."
    add["capabilities"] = [{"kind": "network"}, {"kind": "process"}]  # env missed, process extra
    add["undeclared_capabilities"] = ["network"]  # env missed
    fetch["undeclared_capabilities"] = ["env"]  # a benign tool with an undeclared kind
    card["tools"].append({"name": "extra", "capabilities": [{"kind": "env"}]})
    card["findings"] = [{"rule": "undeclared-capability", "tool": "add", "severity": "medium"},  # below high
                        {"rule": "tool-poisoning", "tool": "fetch", "severity": "medium"}]
    m = summarise([score_case(TRUTH, card)])
    assert (m["tools_recall"], m["tools_precision"]) == (1.0, 2 / 3)
    assert m["desc_exact"] == 0.5
    assert (m["caps_precision"], m["caps_recall"]) == (2 / 4, 2 / 3)  # add:process and extra:env
    assert m["caps_f1"] == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))
    assert (m["undeclared_recall"], m["undeclared_precision"], m["undeclared_fp_rate"]) == (0.5, 0.5, 1.0)
    assert m["findings_recall"] == 0.0 and m["must_not_flag_violations"] == 1
    assert below(m, {"tools_recall": 1.0, "desc_exact": 0.9}, {"must_not_flag_violations": 0}) == \
        ["desc_exact=0.5 < 0.9", "must_not_flag_violations=1 > 0"]


def test_crashes_and_empty_denominators() -> None:
    crashed = score_case(TRUTH, None, "crash")
    m = summarise([crashed, score_case(TRUTH, PERFECT)])
    assert m["crashes"] == 1 and m["tools_recall"] == 0.5 and m["caps_recall"] == 3 / 6
    empty = summarise([score_case({"id": "x", "tools": []}, {"tools": [], "findings": []})])
    assert empty["findings_recall"] is None and below(empty, {"findings_recall": 0.0}, {}) == \
        ["findings_recall=None < 0.0"]


def test_run_cases_reads_stdout_and_exit_status(tmp_path: Path) -> None:
    """Exit 0 and 1 are scored; another status or stdout that is not a JSON object is a crash."""
    for name, body, code in (("good", PERFECT, 1), ("bad-exit", PERFECT, 3), ("not-json", "[1]", 0)):
        case = tmp_path / "cases" / name
        case.mkdir(parents=True)
        (case / "truth.json").write_text(json.dumps({**TRUTH, "id": name}))
        (case / "out.json").write_text(body if isinstance(body, str) else json.dumps(body))
        (case / "code").write_text(str(code))
    prog = ("import sys, pathlib; d = pathlib.Path(sys.argv[1]); sys.stdout.write((d / 'out.json').read_text()); "
            "sys.exit(int((d / 'code').read_text()))")
    cases = sorted((tmp_path / "cases").iterdir())
    results = run_cases([sys.executable, "-c", prog], cases, jobs=2, timeout=30, env={},
                        validate=lambda card: ["bad"] if "findings" not in card else [])
    assert [(r.id, r.status) for r in results] == [("bad-exit", "crash"), ("good", "ok"), ("not-json", "crash")]
    assert summarise(results)["crashes"] == 2 and results[1].misses == []
