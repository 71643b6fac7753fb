"""The action's PR comment against a fake GitHub API on 127.0.0.1: created, then updated, never
duplicated, found on any page of a long discussion."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.github.conftest import TOKEN, FakeGitHub

from mcpvet.github.comment import MAX_BODY, Client, main, marker_line, upsert


def _ours(fake: FakeGitHub, pr: int) -> list[dict[str, Any]]:
    return [c for c in fake.comments.get(pr, []) if marker_line("mcpvet") in c["body"]]


def test_created_then_updated_never_duplicated(github: FakeGitHub) -> None:
    client = Client(github.url, TOKEN)
    action, first = upsert(client, "o/r", 7, "## report 1")
    assert action == "created" and len(_ours(github, 7)) == 1
    action, second = upsert(client, "o/r", 7, "## report 2")
    assert action == "updated" and second["id"] == first["id"]
    action, _ = upsert(client, "o/r", 7, "## report 3")
    ours = _ours(github, 7)
    assert action == "updated" and len(ours) == 1 and ours[0]["body"].endswith("## report 3")
    assert ours[0]["body"].startswith(marker_line("mcpvet") + "\n")
    assert [m for m, _ in github.requests].count("POST") == 1


def test_the_marker_is_found_past_the_first_page(github: FakeGitHub) -> None:
    for i in range(230):
        github.add(9, f"someone else's comment {i}")
    ours = github.add(9, marker_line("mcpvet") + "\nold report")
    for i in range(20):
        github.add(9, f"later comment {i}")
    action, comment = upsert(Client(github.url, TOKEN), "o/r", 9, "new report")
    assert action == "updated" and comment["id"] == ours["id"]
    assert len(_ours(github, 9)) == 1
    gets = [p for m, p in github.requests if m == "GET"]
    assert len(gets) == 3 and "page=3" in gets[-1]  # 250 comments: three pages of 100


def test_markers_keep_reports_apart_and_long_bodies_are_cut(github: FakeGitHub) -> None:
    client = Client(github.url, TOKEN)
    upsert(client, "o/r", 3, "report for a", key="pypi:a")
    upsert(client, "o/r", 3, "x" * 100_000, key="pypi:b")
    upsert(client, "o/r", 3, "report for a, again", key="pypi:a")
    bodies = [c["body"] for c in github.comments[3]]
    assert len(bodies) == 2
    assert len(bodies[1]) <= MAX_BODY and "cut" in bodies[1][-200:]


def test_main_reads_the_actions_environment(github: FakeGitHub, tmp_path: Path, monkeypatch, capsys) -> None:
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"number": 12}}))
    body = tmp_path / "report.md"
    body.write_text("## mcpvet: `pypi:x`\n")
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    monkeypatch.setenv("GITHUB_REPOSITORY", "o/r")
    monkeypatch.setenv("GITHUB_EVENT_PATH", str(event))
    monkeypatch.setenv("GITHUB_API_URL", github.url)
    assert main(["--body-file", str(body)]) == 0
    assert main(["--body-file", str(body)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("created ") and out[1].startswith("updated ")
    assert len(_ours(github, 12)) == 1
    monkeypatch.setenv("GITHUB_TOKEN", "wrong")
    assert main(["--body-file", str(body)]) == 3
    assert "HTTP 401" in capsys.readouterr().err
    monkeypatch.delenv("GITHUB_TOKEN")
    assert main(["--body-file", str(body)]) == 2
