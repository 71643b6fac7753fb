"""Every exit code of the contract, through the real entry point (`cli.main`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.support.cli import run_cli

from mcpvet import api
from mcpvet.checks.interface import CheckOutcome, Facts
from mcpvet.errors import FetchError, IntegrityError, TargetNotFound
from mcpvet.fetch.interface import Fetched
from mcpvet.model import Ecosystem, Finding, Severity, Target
from mcpvet.options import InspectOptions
from mcpvet.render.json import validation_errors


class _FindingCheck:
    id = "test-check"
    risk = Severity.HIGH
    rules = ("test-rule",)

    def __init__(self, severity: Severity) -> None:
        self.severity = severity

    def run(self, facts: Facts) -> CheckOutcome:
        return CheckOutcome((Finding("test-rule", self.severity, "a finding", "because"),), 3.0, "one finding")




@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "srv"
    root.mkdir()
    (root / "README.md").write_text("nothing to see\n")

    def fake_fetch(spec: str, options: InspectOptions, scratch: Path) -> Fetched:
        if spec == "missing":
            raise TargetNotFound("no package called 'missing'")
        if spec == "offline":
            raise FetchError("the registry could not be reached")
        if spec == "tampered":
            raise IntegrityError("sha256 mismatch")
        return Fetched(Target(spec, Ecosystem.LOCAL, "srv"), directory=root)

    import mcpvet.fetch

    monkeypatch.setattr(mcpvet.fetch, "fetch_target", fake_fetch, raising=False)
    return root


def test_exit_0_and_schema_valid_json(folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api, "ALL_CHECKS", ())
    code, out, _ = run_cli(["inspect", str(folder), "--format", "json"], capsys, monkeypatch)
    assert code == 0
    assert validation_errors(json.loads(out)) == []


@pytest.mark.parametrize(
    ("severity", "fail_on", "expected"),
    [("high", "high", 1), ("medium", "high", 0), ("medium", "medium", 1), ("critical", "none", 0), ("low", "info", 1)],
)
def test_fail_on(severity: str, fail_on: str, expected: int, folder: Path, capsys: pytest.CaptureFixture[str],
                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api, "ALL_CHECKS", (_FindingCheck(Severity(severity)),))
    code, out, _ = run_cli(["inspect", str(folder), "--format", "json", "--fail-on", fail_on], capsys, monkeypatch)
    assert code == expected
    assert json.loads(out)["findings"][0]["rule"] == "test-rule"


def test_quiet_and_output(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api, "ALL_CHECKS", (_FindingCheck(Severity.CRITICAL),))
    code, out, _ = run_cli(["inspect", str(folder), "--quiet"], capsys, monkeypatch)
    assert (code, out) == (1, "")
    dest = tmp_path / "card.sarif"
    code, out, _ = run_cli(["inspect", str(folder), "--format", "sarif", "-o", str(dest)], capsys, monkeypatch)
    assert code == 1 and out == "" and json.loads(dest.read_text())["version"] == "2.1.0"


@pytest.mark.parametrize(("spec", "code", "words"), [("missing", 2, "no package"), ("offline", 3, "could not be reached"),
                                                      ("tampered", 3, "sha256")])
def test_errors_map_to_exit_codes(spec: str, code: int, words: str, folder: Path, capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    got, out, err = run_cli(["inspect", spec], capsys, monkeypatch)
    assert got == code and words in err
    if code == 2:
        assert out == ""  # usage: no scorecard
    else:
        assert "not rated" in out and words in out  # a failed analysis still reports, not rated


@pytest.mark.parametrize(("spec", "stage", "words"), [("offline", "fetch", "could not be reached"),
                                                      ("tampered", "fetch", "sha256")])
def test_failed_analysis_writes_a_not_rated_scorecard(spec: str, stage: str, words: str, folder: Path,
                                                      capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    got, out, err = run_cli(["inspect", spec, "--format", "json"], capsys, monkeypatch)
    card = json.loads(out)
    assert got == 3 and validation_errors(card) == []
    assert card["score"]["value"] is None and card["score"]["grade"] is None
    assert words in card["score"]["reason"] and card["errors"][-1]["stage"] == stage
    assert words in card["errors"][-1]["message"] and card["tools"] == [] and card["findings"] == []
    assert "Traceback" not in err


@pytest.mark.parametrize("argv", [["inspect"], ["inspect", "x", "--format", "yaml"], ["inspect", "x", "--fail-on", "severe"], [
    "frobnicate"]])
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, _ = run_cli(argv, capsys, monkeypatch)
    assert code == 2


def test_internal_error_exits_3(folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*a: object, **k: object) -> None:
        raise ZeroDivisionError("bug")

    monkeypatch.setattr(api, "discover", broken)
    code, out, err = run_cli(["inspect", str(folder), "--format", "json"], capsys, monkeypatch)
    card = json.loads(out)
    assert code == 3 and "internal error" in err and "Traceback" not in err
    assert card["errors"][-1]["stage"] == "internal" and "ZeroDivisionError: bug" in card["score"]["reason"]


def _report(db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    code, out, _ = run_cli(["report", "--db", str(db), "--jsonl", "-"], capsys, monkeypatch)
    assert code == 0
    return [json.loads(x) for x in out.splitlines()]


def test_batch_writes_one_line_per_target(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Every target gets its row, in order; a target that does not exist is a failed row with its
    error, and the batch still exits 0 (no finding): only a batch that cannot run exits 3."""
    monkeypatch.setattr(api, "ALL_CHECKS", ())
    db = tmp_path / "b.db"
    code, out, err = run_cli(["batch", str(folder), "missing", "other", "--db", str(db), "--jobs", "2"], capsys, monkeypatch)
    assert code == 0 and out == "" and "2 analysed, 1 failed" in err
    lines = _report(db, capsys, monkeypatch)
    assert [ln["spec"] for ln in lines] == [str(folder), "missing", "other"]
    assert [ln["status"] for ln in lines] == ["analysed", "failed", "analysed"]
    assert lines[1]["error"] == "no package called 'missing'" and lines[1]["grade"] is None
    assert lines[0]["tools"] == 0 and lines[0]["findings"] == {"critical": 0, "high": 0, "medium": 0, "low": 0, "info": 0}


def test_batch_goes_on_whatever_a_target_raises(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A failed fetch, a bug while analysing one target, a missing one: every target gets its row,
    in order, each failure says why, and the batch is not cut short (exit 0: no finding)."""
    monkeypatch.setattr(api, "ALL_CHECKS", ())
    real = api._analyse

    def flaky(prepared: api._Prepared, *a: object, **k: object) -> object:
        if prepared.fetched.target.spec == "boom":
            raise RecursionError("maximum recursion depth exceeded")
        return real(prepared, *a, **k)  # type: ignore[arg-type]

    import mcpvet.fetch

    fetch = mcpvet.fetch.fetch_target

    def fetch_boom(spec: str, options: InspectOptions, scratch: Path) -> Fetched:
        return Fetched(Target(
            "boom", Ecosystem.LOCAL, "srv"), directory=folder) if spec == "boom" else fetch(spec, options, scratch)

    monkeypatch.setattr(mcpvet.fetch, "fetch_target", fetch_boom)
    monkeypatch.setattr(api, "_analyse", flaky)
    db = tmp_path / "b.db"
    code, _, err = run_cli(["batch", "offline", "boom", "missing", str(folder), "--db", str(db)], capsys, monkeypatch)
    lines = _report(db, capsys, monkeypatch)
    assert code == 0 and [ln["spec"] for ln in lines] == ["offline", "boom", "missing", str(folder)]
    assert [ln["status"] for ln in lines] == ["failed", "failed", "failed", "analysed"] and "3 failed" in err
    assert lines[0]["reason"].startswith("the analysis failed at the fetch stage")
    assert "could not be reached" in lines[0]["error"]
    assert "RecursionError" in lines[1]["error"]
    import sqlite3

    names = dict(sqlite3.connect(db).execute("SELECT spec, name FROM targets"))
    assert names["boom"] == "srv" and names[str(folder)] == "srv"  # the failure is filed under the resolved target
    assert lines[2]["error"] == "no package called 'missing'"
    assert not (lines[3]["reason"] or "").startswith("the analysis failed")  # analysed (no source: not rated)


def test_batch_exits_1_on_a_finding_even_when_targets_failed(folder: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api, "ALL_CHECKS", (_FindingCheck(Severity.HIGH),))
    db = tmp_path / "b.db"
    code, _, err = run_cli(["batch", str(folder), "offline", "--db", str(db)], capsys, monkeypatch)
    assert code == 1 and "1 analysed, 1 failed" in err and "1 with a finding at or above high" in err
    code, _, _ = run_cli(["batch", str(folder), "offline", "--db", str(db), "--fail-on", "critical"], capsys, monkeypatch)
    assert code == 0  # the analysed target is reused, its high finding is under the bar
    assert [ln["findings"]["high"] for ln in _report(db, capsys, monkeypatch)] == [1, 0]


@pytest.mark.parametrize("argv", [["batch", "--db", "x.db"], ["batch", "x", "--db", "."],
                                  ["batch", "@no-such-list", "--db", "x.db"], ["report", "--db", "no-such.db"]])
def test_batch_usage_errors_before_work(argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli(argv, capsys, monkeypatch)
    assert code == 2 and "error" in err and not (tmp_path / "x.db").exists()
