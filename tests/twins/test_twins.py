"""Benign cases next to their true-positive twins, through the whole pipeline (`mcpvet inspect`).

Each folder of tests/twins/cases is a small package (never run) with `expect.json`:
  why: the class of cause the pair stands for
  must: findings that must be reported, each {rule, [severity], [tool]}
  must_not: findings that must not be reported at medium or above, each {rule, [tool]}
  known_miss: (optional) why the analysis does not meet the case yet: the case is an expected
    failure, strict (it fails the run once it passes, so that the mark is taken away)
A benign folder and its twin differ only in the behaviour the rule is about."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.support.cli import run_cli

CASES = sorted(p.parent for p in (Path(__file__).parent / "cases").glob("*/expect.json"))
SERIOUS = ("critical", "high", "medium")


def _matches(finding: dict[str, Any], want: dict[str, Any]) -> bool:
    return all(finding.get(k) == v for k, v in want.items() if k != "why")


def test_every_benign_case_has_a_twin() -> None:
    names = {p.name for p in CASES}
    assert names, "no twin cases found"
    assert all(name.endswith(("-benign", "-malicious")) for name in names), names
    stems = {name.rsplit("-", 1)[0] for name in names}
    # a family of benign cases (`py-env-names-benign`, `py-env-child-benign`) shares one malicious twin
    families = {stem.rsplit("-", 1)[0] for stem in stems}
    for family in families:
        members = {n for n in names if n.startswith(family + "-")}
        assert any(n.endswith("-benign") for n in members) and any(n.endswith("-malicious") for n in members), family


@pytest.mark.parametrize("case", CASES, ids=[p.name for p in CASES])
def test_twin(case: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
              request: pytest.FixtureRequest) -> None:
    expect = json.loads((case / "expect.json").read_text("utf-8"))
    if expect.get("known_miss"):
        request.applymarker(pytest.mark.xfail(reason=expect["known_miss"], strict=True))
    code, out, err = run_cli(["inspect", str(case), "--format", "json", "--offline"], capsys, monkeypatch)
    assert code in (0, 1), err
    card = json.loads(out)
    findings = card["findings"]
    for want in expect.get("must", []):
        assert any(_matches(f, want) for f in findings), (want, [(f["rule"], f["severity"], f["tool"]) for f in findings])
    for unwanted in expect.get("must_not", []):
        hits = [f for f in findings if _matches(f, unwanted) and f["severity"] in SERIOUS]
        assert not hits, [(f["rule"], f["severity"], f["message"]) for f in hits]
