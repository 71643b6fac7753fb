"""Every exit code of the contract, through the real entry point (`cli.main`)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from mcpvet import api, cli
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


def _run(argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["mcpvet", *argv])
    with pytest.raises(SystemExit) as exc:
        cli.main()
    out, err = capsys.readouterr()
    return int(exc.value.code or 0), out, err


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
    code, out, _ = _run(["inspect", str(folder), "--format", "json"], capsys, monkeypatch)
    assert code == 0
    assert validation_errors(json.loads(out)) == []


@pytest.mark.parametrize(
    ("severity", "fail_on", "expected"),
    [("high", "high", 1), ("medium", "high", 0), ("medium", "medium", 1), ("critical", "none", 0), ("low", "info", 1)],
)
def test_fail_on(severity: str, fail_on: str, expected: int, folder: Path, capsys: pytest.CaptureFixture[str],
                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api, "ALL_CHECKS", (_FindingCheck(Severity(severity)),))
    code, out, _ = _run(["inspect", str(folder), "--format", "json", "--fail-on", fail_on], capsys, monkeypatch)
    assert code == expected
    assert json.loads(out)["findings"][0]["rule"] == "test-rule"


def test_quiet_and_output(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api, "ALL_CHECKS", (_FindingCheck(Severity.CRITICAL),))
    code, out, _ = _run(["inspect", str(folder), "--quiet"], capsys, monkeypatch)
    assert (code, out) == (1, "")
    dest = tmp_path / "card.sarif"
    code, out, _ = _run(["inspect", str(folder), "--format", "sarif", "-o", str(dest)], capsys, monkeypatch)
    assert code == 1 and out == "" and json.loads(dest.read_text())["version"] == "2.1.0"


@pytest.mark.parametrize(("spec", "code", "words"), [("missing", 2, "no package"), ("offline", 3, "could not be reached"),
                                                      ("tampered", 3, "sha256")])
def test_errors_map_to_exit_codes(spec: str, code: int, words: str, folder: Path, capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    got, out, err = _run(["inspect", spec], capsys, monkeypatch)
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
    got, out, err = _run(["inspect", spec, "--format", "json"], capsys, monkeypatch)
    card = json.loads(out)
    assert got == 3 and validation_errors(card) == []
    assert card["score"]["value"] is None and card["score"]["grade"] is None
    assert words in card["score"]["reason"] and card["errors"][-1]["stage"] == stage
    assert words in card["errors"][-1]["message"] and card["tools"] == [] and card["findings"] == []
    assert "Traceback" not in err


@pytest.mark.parametrize("argv", [["inspect"], ["inspect", "x", "--format", "yaml"], ["inspect", "x", "--fail-on", "severe"], ["frobnicate"]])
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, _ = _run(argv, capsys, monkeypatch)
    assert code == 2


def test_internal_error_exits_3(folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*a: object, **k: object) -> None:
        raise ZeroDivisionError("bug")

    monkeypatch.setattr(api, "discover", broken)
    code, out, err = _run(["inspect", str(folder), "--format", "json"], capsys, monkeypatch)
    card = json.loads(out)
    assert code == 3 and "internal error" in err and "Traceback" not in err
    assert card["errors"][-1]["stage"] == "internal" and "ZeroDivisionError: bug" in card["score"]["reason"]


def test_batch_writes_one_line_per_target(folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api, "ALL_CHECKS", ())
    code, out, _ = _run(["batch", str(folder), "missing", str(folder)], capsys, monkeypatch)
    lines = [json.loads(x) for x in out.splitlines()]
    assert code == 2 and len(lines) == 3  # a target that does not exist: 2
    assert lines[1] == {"spec": "missing", "error": "no package called 'missing'", "exit_code": 2}
    assert lines[0]["schema_version"] == "1" and lines[2]["target"]["name"] == "srv"


def test_batch_goes_on_whatever_a_target_raises(folder: Path, capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A failed fetch, a bug while analysing one target, a missing one: every target gets its line,
    in order, and the exit code says the worst (3: an analysis failed)."""
    monkeypatch.setattr(api, "ALL_CHECKS", ())
    real = api._analyse

    def flaky(prepared: api._Prepared, *a: object, **k: object) -> object:
        if prepared.fetched.target.spec == "boom":
            raise RecursionError("maximum recursion depth exceeded")
        return real(prepared, *a, **k)  # type: ignore[arg-type]

    import mcpvet.fetch

    fetch = mcpvet.fetch.fetch_target

    def fetch_boom(spec: str, options: InspectOptions, scratch: Path) -> Fetched:
        return Fetched(Target("boom", Ecosystem.LOCAL, "srv"), directory=folder) if spec == "boom" else fetch(spec, options, scratch)

    monkeypatch.setattr(mcpvet.fetch, "fetch_target", fetch_boom)
    monkeypatch.setattr(api, "_analyse", flaky)
    code, out, _ = _run(["batch", "offline", "boom", "missing", str(folder)], capsys, monkeypatch)
    lines = [json.loads(x) for x in out.splitlines()]
    assert code == 3 and [ln.get("spec") or ln["target"]["spec"] for ln in lines] == ["offline", "boom", "missing", str(folder)]
    assert lines[0]["score"]["reason"].startswith("the analysis failed at the fetch stage")
    assert "RecursionError" in lines[1]["errors"][-1]["message"] and lines[1]["target"]["name"] == "srv"
    assert lines[2]["exit_code"] == 2 and lines[3]["target"]["name"] == "srv"
    assert not lines[3]["score"]["reason"].startswith("the analysis failed")  # analysed (no source: not rated)
