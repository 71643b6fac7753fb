"""The provenance JSON client: cache with TTL, offline mode, failures as values."""

from __future__ import annotations

from pathlib import Path

from mcpvet.provenance.client import JsonClient, JsonReply, ServiceUnavailable
from tests.support.fakehttp import FakeHTTPServer, Response


def test_cache_hit_expiry_and_offline(tmp_path: Path, fake_http: FakeHTTPServer) -> None:
    fake_http.add_json("/doc", {"a": 1})
    client = JsonClient(tmp_path, ttl_s=3600)
    first = client.get_json(f"{fake_http.url}/doc")
    assert isinstance(first, JsonReply) and first.body == {"a": 1} and not first.cached
    second = client.get_json(f"{fake_http.url}/doc")
    assert isinstance(second, JsonReply) and second.cached and len(fake_http.requests) == 1
    expired = client.get_json(f"{fake_http.url}/doc", ttl_s=0)
    assert isinstance(expired, JsonReply) and not expired.cached and len(fake_http.requests) == 2
    offline = JsonClient(tmp_path, offline=True)
    assert isinstance(offline.get_json(f"{fake_http.url}/doc", ttl_s=0), JsonReply)  # stale cache is fine offline
    missing = offline.get_json(f"{fake_http.url}/other")
    assert isinstance(missing, ServiceUnavailable) and "offline" in missing.reason
    assert len(fake_http.requests) == 2


def test_post_bodies_are_part_of_the_key(tmp_path: Path, fake_http: FakeHTTPServer) -> None:
    fake_http.add("/q", lambda m, body, h: Response(body, 200, {"Content-Type": "application/json"}), method="POST")
    client = JsonClient(tmp_path)
    a = client.post_json(f"{fake_http.url}/q", {"x": 1})
    b = client.post_json(f"{fake_http.url}/q", {"x": 2})
    assert isinstance(a, JsonReply) and isinstance(b, JsonReply) and (a.body, b.body) == ({"x": 1}, {"x": 2})


def test_failures_are_values(tmp_path: Path, fake_http: FakeHTTPServer) -> None:
    fake_http.add("/bad", Response(b"<html>", 200, {"Content-Type": "text/html"}))
    fake_http.add("/err", Response(b"", 502))
    fake_http.add("/slow", Response(b"{}", 200, delay_s=2.0))
    client = JsonClient(None, timeout_s=0.5)
    assert isinstance(client.get_json(f"{fake_http.url}/bad"), ServiceUnavailable)
    err = client.get_json(f"{fake_http.url}/err")
    assert isinstance(err, ServiceUnavailable) and err.reason == "HTTP 502"
    slow = client.get_json(f"{fake_http.url}/slow")
    assert isinstance(slow, ServiceUnavailable) and "in time" in slow.reason
    gone = client.get_json(f"{fake_http.url}/nothing")
    assert isinstance(gone, JsonReply) and gone.status == 404 and not gone.found
    refused = client.get_json("http://127.0.0.1:9/x")
    assert isinstance(refused, ServiceUnavailable) and "refused" in refused.reason
