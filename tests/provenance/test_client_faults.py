"""Fault injection against the provenance JSON client (OSV, advisories, attestations, simple index):
every fault is a `ServiceUnavailable` value within the deadline, a damaged or unusable cache is
said once and skipped, and retries (off in the other tests) do work when asked for."""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path

import pytest

from mcpvet.fetch.http import new_session
from mcpvet.options import InspectOptions
from mcpvet.provenance import collect
from mcpvet.provenance.client import JsonClient, JsonReply, ServiceUnavailable
from tests.provenance.fakes import NOW, fetched_for
from tests.support.fakehttp import FakeHTTPServer, Response

DEEP = b"[" * 100_000 + b"]" * 100_000
SLACK_S = 2.5


def _client(server: FakeHTTPServer, cache: Path | None, **kw: object) -> JsonClient:
    opts = InspectOptions(pypi_url=server.url, npm_url=server.url, osv_url=server.url, cache_dir=cache or Path("."),
                          http_retries=int(kw.pop("retries", 0)), http_timeout_s=5.0,  # type: ignore[call-overload]
                          http_json_deadline_s=float(kw.pop("deadline", 1.0)))  # type: ignore[arg-type]
    return JsonClient(cache, session=new_session(opts), **kw)  # type: ignore[arg-type]


def _unavailable_within(limit_s: float, call: object) -> ServiceUnavailable:
    start = time.monotonic()
    answer = call()  # type: ignore[operator]
    assert time.monotonic() - start < limit_s + SLACK_S
    assert isinstance(answer, ServiceUnavailable), answer
    return answer


# ----------------------------------------------------------------------------- network faults
@pytest.mark.parametrize("part", ["headers", "body"])
def test_osv_drip_ends_at_the_deadline(fake_http: FakeHTTPServer, part: str) -> None:
    fake_http.add("/v1/querybatch", Response(b'{"results": []}' + b" " * 2000, 200,
                                             {"Content-Type": "application/json"}, drip=part, drip_s=0.05),
                  method="POST")
    client = _client(fake_http, None)
    got = _unavailable_within(1.0, lambda: client.post_json(f"{fake_http.url}/v1/querybatch", {"queries": []}))
    assert "deadline of 1 s" in got.reason


def test_simple_index_header_drip_ends_at_the_deadline(fake_http: FakeHTTPServer) -> None:
    fake_http.add("/simple/x/", Response(b"{}", 200, {}, drip="headers", drip_s=0.05))
    client = _client(fake_http, None)
    got = _unavailable_within(1.0, lambda: client.get_json(
        f"{fake_http.url}/simple/x/", headers={"Accept": "application/vnd.pypi.simple.v1+json"}))
    assert "deadline" in got.reason


def test_reset_mid_body_is_a_value(fake_http: FakeHTTPServer) -> None:
    body = json.dumps({"vulns": ["x" * 50 for _ in range(2000)]}).encode()
    fake_http.add("/v1/vulns/X", Response(body, 200, {"Content-Type": "application/json"},
                                          truncate_to=len(body) // 2, reset=True))
    _unavailable_within(2.0, lambda: _client(fake_http, None).get_json(f"{fake_http.url}/v1/vulns/X"))


def test_deeply_nested_answer_is_a_value(fake_http: FakeHTTPServer) -> None:
    fake_http.add("/v1/vulns/DEEP", DEEP, content_type="application/json")
    got = _unavailable_within(5.0, lambda: _client(fake_http, None).get_json(f"{fake_http.url}/v1/vulns/DEEP"))
    assert "nested too deeply" in got.reason


def test_429_is_rate_limited(fake_http: FakeHTTPServer) -> None:
    fake_http.add("/v1/vulns/L", Response(b"", 429, {"Retry-After": "600"}))
    got = _unavailable_within(0.5, lambda: _client(fake_http, None, retries=3).get_json(f"{fake_http.url}/v1/vulns/L"))
    assert "rate-limited" in got.reason and "600" in got.reason
    assert len(fake_http.requests) == 1


def test_private_address_from_a_document_is_refused(fake_http: FakeHTTPServer) -> None:
    client = _client(fake_http, None)
    got = _unavailable_within(0.5, lambda: client.get_json("http://169.254.169.254/latest/meta-data/"))
    assert "refused" in got.reason and "link-local" in got.reason


def test_retries_work_when_asked_for(fake_http: FakeHTTPServer) -> None:
    """The one provenance test with retries on: a 503 then an answer."""
    state = {"n": 0}

    def once_bad(method: str, body: bytes, headers: dict[str, str]) -> Response:
        state["n"] += 1
        return Response(b"", 503) if state["n"] == 1 else Response(b'{"ok": true}', 200)

    fake_http.add("/v1/vulns/R", once_bad)
    reply = _client(fake_http, None, retries=2).get_json(f"{fake_http.url}/v1/vulns/R")
    assert isinstance(reply, JsonReply) and reply.body == {"ok": True} and state["n"] == 2
    state["n"] = 0
    assert isinstance(_client(fake_http, None).get_json(f"{fake_http.url}/v1/vulns/R"), ServiceUnavailable)


# ----------------------------------------------------------------------------- cache faults
def _entry(cache: Path, url: str) -> Path:
    """The cache file of a GET of `url` with the client's default headers (none)."""
    key = hashlib.sha256(f"GET {url}\n".encode()).hexdigest()
    return cache / "provenance" / f"{key}.json"


@pytest.mark.parametrize("stored", ['"yesterday"', "[1]", "null", "true", '{"t": 1}', "1e999"])
def test_stored_that_is_not_a_number_is_a_miss_said_once(fake_http: FakeHTTPServer, tmp_path: Path,
                                                         stored: str) -> None:
    fake_http.add_json("/doc", {"a": 1})
    fake_http.add_json("/other", {"b": 2})
    url, other = f"{fake_http.url}/doc", f"{fake_http.url}/other"
    for u in (url, other):
        path = _entry(tmp_path, u)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f'{{"stored": {stored}, "url": "{u}", "status": 200, "body": {{"stale": true}}}}')
    client = _client(fake_http, tmp_path)
    for u in (url, other):
        reply = client.get_json(u)
        assert isinstance(reply, JsonReply) and not reply.cached and "stale" not in reply.body
    assert client.cache_problem is not None and "damaged" in client.cache_problem
    assert len(client.cache_errors()) == 1
    again = client.get_json(url)  # the fresh answer replaced the damaged entry
    assert isinstance(again, JsonReply) and again.cached


def test_entry_dated_in_the_future_is_expired(fake_http: FakeHTTPServer, tmp_path: Path) -> None:
    fake_http.add_json("/doc", {"fresh": True})
    url = f"{fake_http.url}/doc"
    path = _entry(tmp_path, url)
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"stored": time.time() + 10 * 365 * 86400, "url": url, "status": 200,
                                "body": {"planted": True}}))
    reply = _client(fake_http, tmp_path).get_json(url)
    assert isinstance(reply, JsonReply) and reply.body == {"fresh": True} and not reply.cached
    assert len(fake_http.requests) == 1


def test_deeply_nested_cache_entry_is_a_miss(fake_http: FakeHTTPServer, tmp_path: Path) -> None:
    fake_http.add_json("/doc", {"a": 1})
    url = f"{fake_http.url}/doc"
    path = _entry(tmp_path, url)
    path.parent.mkdir(parents=True)
    path.write_bytes(DEEP)
    client = _client(fake_http, tmp_path)
    reply = client.get_json(url)
    assert isinstance(reply, JsonReply) and reply.body == {"a": 1}
    assert client.cache_problem is not None and "nested too deeply" in client.cache_problem
    offline = JsonClient(tmp_path, offline=True)
    path.write_bytes(DEEP)
    assert isinstance(offline.get_json(url), ServiceUnavailable)


@pytest.mark.parametrize("shape", ["cache-is-a-file", "provenance-is-a-file", "entry-is-a-folder"])
def test_unusable_cache_is_said_once_and_skipped(fake_http: FakeHTTPServer, tmp_path: Path, shape: str) -> None:
    fake_http.add_json("/a", {"a": 1})
    fake_http.add_json("/b", {"b": 1})
    cache = tmp_path / "cache"
    if shape == "cache-is-a-file":
        cache.write_text("x")
    elif shape == "provenance-is-a-file":
        cache.mkdir()
        (cache / "provenance").write_text("x")
    else:
        _entry(cache, f"{fake_http.url}/a").mkdir(parents=True)
    client = _client(fake_http, cache)
    for path in ("/a", "/b", "/a"):
        assert isinstance(client.get_json(f"{fake_http.url}{path}"), JsonReply)
    assert client.cache_problem is not None and "cannot be used" in client.cache_problem
    assert len(client.cache_errors()) == 1


# ----------------------------------------------------------------------------- through collect()
def test_collect_ends_with_errors_when_osv_drips(fake_http: FakeHTTPServer, tmp_path: Path) -> None:
    """The whole provenance stage, with OSV dripping its headers (and the per-version registry
    document nested 100,000 deep): it ends in time, with errors[] and no exception."""
    fake_http.add("/v1/querybatch", Response(b'{"results": []}', 200, {}, drip="headers", drip_s=0.05), method="POST")
    fake_http.add("/pypi/x-mcp/0.9.0/json", DEEP, content_type="application/json")
    raw = {"info": {"name": "x-mcp", "version": "1.0.0"},
           "releases": {"0.9.0": [{"upload_time_iso_8601": "2025-01-01T00:00:00Z", "filename": "x.whl", "url": "/x"}],
                        "1.0.0": [{"upload_time_iso_8601": "2025-06-01T00:00:00Z", "filename": "x.whl", "url": "/x"}]}}
    fetched = fetched_for("pypi", "x-mcp", "1.0.0", raw, artifact="x.whl", sha256="0" * 64, url=fake_http.url)
    opts = InspectOptions(pypi_url=fake_http.url, npm_url=fake_http.url, osv_url=fake_http.url,
                          cache_dir=tmp_path / "c", http_timeout_s=5, http_retries=0, http_json_deadline_s=1.0)
    start = time.monotonic()
    prov = collect(fetched, None, opts, now=NOW)
    assert time.monotonic() - start < 4 * (1.0 + SLACK_S)
    assert any("OSV" in e.message and "deadline of 1 s" in e.message for e in prov.errors)


def test_collect_says_once_that_the_cache_is_unusable(fake_http: FakeHTTPServer, tmp_path: Path) -> None:
    cache = tmp_path / "cache-is-a-file"
    cache.write_text("x")
    fetched = fetched_for("pypi", "x-mcp", "1.0.0", {"info": {"name": "x-mcp", "version": "1.0.0"}, "releases": {}},
                          artifact="x.whl", sha256="0" * 64, url=fake_http.url)
    opts = InspectOptions(pypi_url=fake_http.url, npm_url=fake_http.url, osv_url=fake_http.url, cache_dir=cache,
                          http_timeout_s=5, http_retries=0, http_json_deadline_s=1.0)
    prov = collect(fetched, None, opts, now=NOW)
    said = [e for e in prov.errors if e.stage == "cache"]
    assert len(said) == 1 and "cannot be used" in said[0].message


def test_attestation_statement_nested_too_deeply_is_no_statement() -> None:
    import base64

    from mcpvet.provenance.attestations import _statement

    deep = base64.b64encode(DEEP).decode()
    assert _statement({"statement": deep}) is None
    fine = base64.b64encode(json.dumps({"subject": []}).encode()).decode()
    assert _statement({"statement": fine}) == {"subject": []}
