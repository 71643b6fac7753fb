"""A fake GitHub API on 127.0.0.1 for the action's tests: issue comments with GitHub's pagination."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

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
