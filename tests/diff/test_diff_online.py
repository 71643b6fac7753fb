"""`mcpvet diff` on real pairs from npm (online: `pytest -m online tests/diff`)."""

from __future__ import annotations

import json

import pytest

from tests.support.cli import run_cli

pytestmark = pytest.mark.online

EVERYTHING = "npm:@modelcontextprotocol/server-everything"
MEMORY = "npm:@modelcontextprotocol/server-memory"


def _diff(old: str, new: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> dict:
    code, out, err = run_cli(["diff", old, new, "--format", "json", "--fail-on", "none"], capsys, monkeypatch)
    assert code == 0, err
    return json.loads(out)


def test_server_everything_gains_tools(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    doc = _diff(f"{EVERYTHING}@2025.9.25", f"{EVERYTHING}@2026.8.31", capsys, monkeypatch)
    assert (doc["old"]["version"], doc["new"]["version"]) == ("2025.9.25", "2026.8.31")
    assert doc["old"]["tools"] > 0 and doc["new"]["tools"] > 0
    assert doc["tools"]["added"], "2026.8.31 adds tools"
    added = {t["name"] for t in doc["tools"]["added"]}
    removed = {t["name"] for t in doc["tools"]["removed"]}
    assert not added & removed


def test_server_memory_pair(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    doc = _diff(f"{MEMORY}@2025.4.25", f"{MEMORY}@2026.8.31", capsys, monkeypatch)
    assert (doc["old"]["version"], doc["new"]["version"]) == ("2025.4.25", "2026.8.31")
    assert doc["new"]["tools"] > 0
    kept = doc["old"]["tools"] - len(doc["tools"]["removed"])
    assert kept > 0 and doc["tools"]["changed"], "the kept tools' descriptions or schemas changed"
    for change in doc["tools"]["changed"]:
        if "description" in change:
            assert {r["op"] for r in change["description"]["words"]} <= {"equal", "insert", "delete"}


def test_single_spec_takes_the_release_before(capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = run_cli(["diff", f"{MEMORY}@2026.8.31", "--format", "json", "--fail-on", "none"], capsys,
                             monkeypatch)
    assert code == 0, err
    doc = json.loads(out)
    assert doc["new"]["version"] == "2026.8.31" and doc["old"]["version"] not in (None, "2026.8.31")
