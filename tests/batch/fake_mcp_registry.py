"""A fake MCP Registry on 127.0.0.1, built to the published API (GET /v0.1/servers).

Pages of `limit` entries: `{"servers": [...], "metadata": {"nextCursor": ..., "count": n}}`.
The cursor is opaque and full of characters that must be URL-encoded. Faults can be injected:
`fail_once` maps a page number to HTTP statuses answered (in order) before the real page.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


def cursor_for(page: int) -> str:
    return f"p{page}/+=&?é"  # opaque; only survives the round trip URL-encoded


@dataclass
class FakeMCPRegistry:
    entries: list[Any]
    max_limit: int = 100  # the server's own cap on `limit`
    legacy_cursor: bool = False
    fail_once: dict[int, list[int]] = field(default_factory=dict)
    raw_pages: dict[int, bytes] = field(default_factory=dict)  # page number -> body served instead
    repeat_cursor_after: int | None = None  # from this page on, always send the same cursor
    requests: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        outer = self

        class _H(BaseHTTPRequestHandler):
            def log_message(self, *a: object) -> None:
                pass

            def do_GET(self) -> None:
                outer.requests.append(self.path)
                status, body = outer.answer(self.path)
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _H)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def answer(self, raw_path: str) -> tuple[int, bytes]:
        parts = urlsplit(raw_path)
        if parts.path != "/v0.1/servers":
            return 404, b'{"title": "Not Found"}'
        query = parse_qs(parts.query)
        limit = min(self.max_limit, int(query.get("limit", ["30"])[0]))
        cursor = query.get("cursor", [None])[0]
        page = 1
        if cursor is not None:
            pages = {cursor_for(n): n for n in range(2, 1000)}
            if cursor not in pages:
                return 400, json.dumps({"title": "Bad Request", "detail": f"invalid cursor {cursor!r}"}).encode()
            page = pages[cursor]
        if self.fail_once.get(page):
            return self.fail_once[page].pop(0), b'{"title": "try again"}'
        if page in self.raw_pages:
            return 200, self.raw_pages[page]
        since = query.get("updated_since", [None])[0]
        entries = [e for e in self.entries if since is None or _updated(e) >= since]
        chunk = entries[(page - 1) * limit: page * limit]
        more = page * limit < len(entries)
        nxt = cursor_for(page + 1) if more else None
        if self.repeat_cursor_after is not None and page >= self.repeat_cursor_after:
            nxt = cursor_for(self.repeat_cursor_after)
        meta: dict[str, Any] = {"count": len(chunk)}
        if nxt:
            meta["next_cursor" if self.legacy_cursor else "nextCursor"] = nxt
        return 200, json.dumps({"servers": chunk, "metadata": meta}).encode()


def _updated(entry: Any) -> str:
    try:
        return entry["_meta"]["io.modelcontextprotocol.registry/official"]["updatedAt"]
    except (KeyError, TypeError):
        return ""


def entry(name: str, version: str = "1.0.0", packages: list[dict[str, Any]] | None = None,
          remotes: list[dict[str, Any]] | None = None, status: str = "active",
          updated: str = "2025-09-01T00:00:00Z") -> dict[str, Any]:
    """One ServerResponse as the registry publishes it."""
    server: dict[str, Any] = {"$schema": "https://static.modelcontextprotocol.io/schemas/2025-09-29/server.schema.json",
                              "name": name, "version": version, "description": f"{name} server",
                              "repository": {"url": f"https://github.com/{name.split('/')[-1]}", "source": "github"}}
    if packages is not None:
        server["packages"] = packages
    if remotes is not None:
        server["remotes"] = remotes
    return {"server": server, "_meta": {"io.modelcontextprotocol.registry/official": {
        "status": status, "publishedAt": "2025-09-01T00:00:00Z", "updatedAt": updated, "isLatest": True}}}


def package(registry_type: str, identifier: str, version: str, **extra: Any) -> dict[str, Any]:
    return {"registryType": registry_type, "identifier": identifier, "version": version,
            "transport": {"type": "stdio"}, **extra}
