"""The action's PR comment against a fake GitHub API on 127.0.0.1: created, then updated, never
duplicated, found on any page of a long discussion."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from mcpvet.github.comment import MAX_BODY, Client, main, marker_line, upsert

TOKEN = "test-token-not-secret"


class FakeGitHub:
    """Issue comments of one repository, with GitHub's pagination (per_page, page, Link rel="next")."""

    def __init__(self) -> None:
        self.comments: dict[int, list[dict[str, Any]]] = {}
        self.next_id = 1000
        self.requests: list[tuple[str, str]] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def add(self, pr: int, body: str) -> dict[str, Any]:
        self.next_id += 1
        comment = {"id": self.next_id, "body": body, "html_url": f"https://github.test/c/{self.next_id}"}
        self.comments.setdefault(pr, []).append(comment)
        return comment

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _reply(self, code: int, doc: object, link: str | None = None) -> None:
                data = json.dumps(doc).encode()
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                if link:
                    self.send_header("Link", link)
                self.end_headers()
                self.wfile.write(data)

            def _authorised(self) -> bool:
                if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                    self._reply(401, {"message": "Bad credentials"})
                    return False
                return True

            def _body(self) -> dict[str, Any]:
                return dict(json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0))))

            def do_GET(self) -> None:
                fake.requests.append(("GET", self.path))
                if not self._authorised():
                    return
                url = urlparse(self.path)
                parts = url.path.strip("/").split("/")  # repos/o/r/issues/N/comments
                query = parse_qs(url.query)
                per_page = min(100, int(query.get("per_page", ["30"])[0]))
                page = int(query.get("page", ["1"])[0])
                items = fake.comments.get(int(parts[4]), [])
                chunk = items[(page - 1) * per_page: page * per_page]
                link = None
                if page * per_page < len(items):
                    link = f'<{fake.url}{url.path}?per_page={per_page}&page={page + 1}>; rel="next", ' \
                           f'<{fake.url}{url.path}?per_page={per_page}&page=1>; rel="first"'
                self._reply(200, chunk, link)

            def do_POST(self) -> None:
                fake.requests.append(("POST", self.path))
                if not self._authorised():
                    return
                pr = int(self.path.strip("/").split("/")[4])
                self._reply(201, fake.add(pr, self._body()["body"]))

            def do_PATCH(self) -> None:
                fake.requests.append(("PATCH", self.path))
                if not self._authorised():
                    return
                cid = int(self.path.rstrip("/").split("/")[-1])
                for comments in fake.comments.values():
                    for c in comments:
                        if c["id"] == cid:
                            c["body"] = self._body()["body"]
                            self._reply(200, c)
                            return
                self._reply(404, {"message": "Not Found"})

        return Handler


@pytest.fixture
def github() -> Iterator[FakeGitHub]:
    fake = FakeGitHub()
    thread = threading.Thread(target=fake.server.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        fake.server.shutdown()
        fake.server.server_close()


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
