"""Fault injection against the fake registry: every case ends within its deadline with one clean
FetchError (or an errors[] entry), never a traceback or a hang.

Header and body drips, resets, 429 with Retry-After, JSON nested 100,000 deep, artifact URLs and
redirects into loopback / private / link-local addresses, unusable caches, an unexecutable semgrep.
Deadlines are made small through the options; the per-read timeout is kept larger than the drip
interval so that only the wall-clock deadline can end a drip.
"""

from __future__ import annotations

import json
import os
import socket
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from mcpvet.errors import FetchError
from mcpvet.fetch import fetch_target
from mcpvet.fetch.http import AddressGuard, AddressRefused, HttpClient
from mcpvet.options import InspectOptions
from tests.support.fakehttp import FakeHTTPServer, Response
from tests.support.registry import FakeRegistry, PyPIFile

DEEP = b"[" * 100_000 + b"]" * 100_000
SLACK_S = 2.5  # scheduling slack on a loaded 2-core machine


@pytest.fixture
def reg(fake_http: FakeHTTPServer) -> FakeRegistry:
    return FakeRegistry(fake_http)


@pytest.fixture
def src(tmp_path: Path) -> Path:
    root = tmp_path / "src"
    (root / "demo_srv").mkdir(parents=True)
    (root / "pyproject.toml").write_text('[project]\nname = "demo-srv"\nversion = "1.0.0"\n')
    (root / "demo_srv" / "__init__.py").write_text("")
    (root / "demo_srv" / "server.py").write_text("def tool(x: str) -> str:\n    return x\n")
    return root


def _opts(reg: FakeRegistry, tmp_path: Path, **kw: object) -> InspectOptions:
    kw.setdefault("http_timeout_s", 5.0)  # longer than any drip interval: only the deadline ends a drip
    return reg.options(tmp_path / "cache", **kw)  # type: ignore[no-any-return]


def _fails_within(limit_s: float, match: str, spec: str, opts: InspectOptions, scratch: Path) -> FetchError:
    start = time.monotonic()
    with pytest.raises(FetchError, match=match) as err:
        fetch_target(spec, opts, scratch)
    elapsed = time.monotonic() - start
    assert elapsed < limit_s + SLACK_S, f"took {elapsed:.1f} s"
    assert "\n" not in err.value.message
    return err.value


# ----------------------------------------------------------------------------- drips, resets
def test_metadata_header_drip_ends_at_the_deadline(reg: FakeRegistry, tmp_path: Path) -> None:
    reg.server.add("/pypi/drip/json", Response(b"{}", 200, {"Content-Type": "application/json"},
                                              drip="headers", drip_s=0.05))
    err = _fails_within(1.0, "deadline of 1 s", "pypi:drip", _opts(reg, tmp_path, http_json_deadline_s=1.0),
                        tmp_path / "s")
    assert "headers" in err.message


def test_metadata_body_drip_ends_at_the_deadline(reg: FakeRegistry, tmp_path: Path) -> None:
    reg.server.add("/pypi/slowbody/json", Response(b"{" + b" " * 5000 + b"}", 200, {"Content-Type": "application/json"},
                                                  drip="body", drip_s=0.05))
    _fails_within(1.0, "deadline of 1 s", "pypi:slowbody", _opts(reg, tmp_path, http_json_deadline_s=1.0),
                  tmp_path / "s")


@pytest.mark.parametrize("part", ["headers", "body"])
def test_artifact_drip_ends_at_the_deadline(reg: FakeRegistry, src: Path, tmp_path: Path, part: str) -> None:
    wheel = PyPIFile.wheel(src, "dripart", "1.0.0")
    wheel.response = Response(wheel.content, 200, {"Content-Type": "application/octet-stream"}, drip=part, drip_s=0.05)
    reg.publish_pypi("dripart", {"1.0.0": [wheel]})
    _fails_within(1.5, "deadline of 1.5 s", "pypi:dripart", _opts(reg, tmp_path, http_deadline_s=1.5),
                  tmp_path / "s")
    assert not [p for p in (tmp_path / "s").rglob("*") if p.is_file()]  # no partial file left behind


def test_reset_mid_body_is_a_clean_error(reg: FakeRegistry, src: Path, tmp_path: Path) -> None:
    wheel = PyPIFile.wheel(src, "resetpkg", "1.0.0")
    wheel.response = Response(wheel.content, 200, {"Content-Type": "application/octet-stream"},
                              truncate_to=len(wheel.content) // 3, reset=True)
    reg.publish_pypi("resetpkg", {"1.0.0": [wheel]})
    _fails_within(2.0, "cut off", "pypi:resetpkg", _opts(reg, tmp_path), tmp_path / "s")


def test_the_default_deadlines_are_bounded() -> None:
    opts = InspectOptions()
    assert 0 < opts.http_json_deadline_s <= opts.http_deadline_s <= 120


# ----------------------------------------------------------------------------- 429
def test_429_with_a_short_retry_after_is_retried(reg: FakeRegistry, src: Path, tmp_path: Path) -> None:
    reg.publish_pypi("busy", {"1.0.0": [PyPIFile.wheel(src, "busy", "1.0.0")]})
    good = reg.server.routes[("*", "/pypi/busy/json")]
    calls: list[float] = []

    def limited(method: str, body: bytes, headers: dict[str, str]) -> Response:
        calls.append(time.monotonic())
        return Response(b"slow down", 429, {"Retry-After": "1"}) if len(calls) == 1 else good  # type: ignore[return-value]

    reg.server.add("/pypi/busy/json", limited)
    fetched = fetch_target("pypi:busy", _opts(reg, tmp_path, http_retries=2), tmp_path / "s")
    assert fetched.target.version == "1.0.0"
    assert len(calls) == 2 and calls[1] - calls[0] >= 0.9  # Retry-After was honoured


def test_429_asking_for_too_long_gives_up_at_once(reg: FakeRegistry, tmp_path: Path) -> None:
    reg.server.add("/pypi/throttled/json", Response(b"", 429, {"Retry-After": "3600"}))
    err = _fails_within(0.5, "rate-limited", "pypi:throttled", _opts(reg, tmp_path, http_retries=3), tmp_path / "s")
    assert "3600" in err.message
    assert reg.requests_for("/pypi/throttled/json") == 1


def test_429_still_limited_after_the_retries_is_rate_limited(reg: FakeRegistry, tmp_path: Path) -> None:
    reg.server.add("/pypi/always/json", Response(b"", 429, {"Retry-After": "0"}))
    _fails_within(2.0, "rate-limited", "pypi:always", _opts(reg, tmp_path, http_retries=1), tmp_path / "s")
    assert reg.requests_for("/pypi/always/json") == 2


# ----------------------------------------------------------------------------- nested JSON
def test_deeply_nested_metadata_is_a_fetch_error(reg: FakeRegistry, tmp_path: Path) -> None:
    reg.server.add("/pypi/deep/json", DEEP, content_type="application/json")
    _fails_within(5.0, "nested too deeply", "pypi:deep", _opts(reg, tmp_path), tmp_path / "s")


def test_deeply_nested_npm_packument_is_a_fetch_error(reg: FakeRegistry, tmp_path: Path) -> None:
    reg.server.add("/npm/deep", DEEP, content_type="application/json")
    _fails_within(5.0, "nested too deeply", "npm:deep", _opts(reg, tmp_path), tmp_path / "s")


def test_deeply_nested_cached_metadata_is_a_miss_offline(reg: FakeRegistry, src: Path, tmp_path: Path) -> None:
    reg.publish_pypi("cached", {"1.0.0": [PyPIFile.wheel(src, "cached", "1.0.0")]})
    fetch_target("pypi:cached", _opts(reg, tmp_path), tmp_path / "s1")  # fills the cache
    metas = list((tmp_path / "cache" / "meta").glob("*.json"))
    assert len(metas) == 1
    metas[0].write_bytes(DEEP)
    err = _fails_within(5.0, "not in the cache", "pypi:cached", _opts(reg, tmp_path, offline=True), tmp_path / "s2")
    assert err.hint is not None and "damaged" in err.hint and "nested too deeply" in err.hint


# ----------------------------------------------------------------------------- trust boundary
def _publish_at(reg: FakeRegistry, src: Path, name: str, url: str) -> None:
    project = reg.publish_pypi(name, {"1.0.0": [PyPIFile.wheel(src, name, "1.0.0")]}, relative_urls=False)
    doc = project.document
    for entry in (*doc["releases"]["1.0.0"], *doc["urls"]):
        entry["url"] = url
    reg.server.add_json(f"/pypi/{name}/json", doc)


@pytest.mark.parametrize("host", ["localhost", "10.255.255.1", "169.254.169.254", "[::1]", "0.0.0.0"])
def test_artifact_url_on_a_local_or_private_address_is_refused(reg: FakeRegistry, src: Path, tmp_path: Path,
                                                               host: str) -> None:
    port = reg.server.url.rsplit(":", 1)[1]
    _publish_at(reg, src, "planted", f"http://{host}:{port}/files/planted/1.0.0/planted-1.0.0-py3-none-any.whl")
    err = _fails_within(1.0, "refused to connect", "pypi:planted", _opts(reg, tmp_path), tmp_path / "s")
    assert err.hint is not None and "private network" in err.hint
    assert reg.requests_for("/files/planted/") == 0


def test_redirect_to_a_local_address_is_refused_at_the_hop(reg: FakeRegistry, src: Path, tmp_path: Path) -> None:
    port = reg.server.url.rsplit(":", 1)[1]
    project = reg.publish_pypi("hop", {"1.0.0": [PyPIFile.wheel(src, "hop", "1.0.0")]})
    [path] = project.file_paths.values()
    reg.server.add(path, Response(b"", 302, {"Location": f"http://localhost:{port}{path}?again"}))
    _fails_within(1.0, "refused to connect to localhost", "pypi:hop", _opts(reg, tmp_path), tmp_path / "s")
    assert reg.requests_for(path) == 1  # the registry's answer, not the redirected one


def test_redirects_within_the_configured_registry_are_followed(reg: FakeRegistry, src: Path, tmp_path: Path) -> None:
    project = reg.publish_pypi("moved", {"1.0.0": [PyPIFile.wheel(src, "moved", "1.0.0")]})
    [path] = project.file_paths.values()
    reg.server.add("/elsewhere.whl", reg.server.routes[("*", path)])  # type: ignore[arg-type]
    reg.server.add(path, Response(b"", 302, {"Location": f"{reg.server.url}/elsewhere.whl"}))
    fetched = fetch_target("pypi:moved", _opts(reg, tmp_path), tmp_path / "s")
    assert fetched.archive is not None and fetched.archive.is_file()


def test_a_name_that_leads_to_a_private_address_is_refused_after_connecting(fake_http: FakeHTTPServer) -> None:
    guard = AddressGuard(["https://pypi.org", "https://registry.npmjs.org"])
    host, port = fake_http.url.rsplit("/", 1)[1].split(":")
    with socket.create_connection((host, int(port))) as sock:
        with pytest.raises(AddressRefused, match="resolves to 127.0.0.1"):
            guard.check_peer("files.example.org", sock)
        AddressGuard([fake_http.url]).check_peer(host, sock)  # the configured registry's own address


def test_the_guard_sees_through_ipv4_mapped_addresses() -> None:
    guard = AddressGuard(["https://pypi.org"])
    with pytest.raises(AddressRefused):
        guard.check_url("http://[::ffff:127.0.0.1]/x.whl")
    guard.check_url("https://files.pythonhosted.org/x.whl")  # names are checked after connecting
    guard.check_url("http://93.184.215.14/x.whl")  # a public address


# ----------------------------------------------------------------------------- unusable caches
def _cache_errors(fetched: object) -> list[str]:
    return [e.message for e in fetched.errors if e.stage == "cache"]  # type: ignore[attr-defined]


def _make_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("not a folder")


CACHE_SHAPES = {
    "cache-is-a-file": lambda c: _make_file(c),
    "meta-is-a-file": lambda c: _make_file(c / "meta"),
    "blobs-sha256-is-a-file": lambda c: _make_file(c / "blobs" / "sha256"),
    "blobs-is-a-file": lambda c: _make_file(c / "blobs"),
}


@pytest.mark.parametrize("shape", sorted(CACHE_SHAPES))
def test_unusable_cache_is_said_once_and_skipped(reg: FakeRegistry, src: Path, tmp_path: Path, shape: str) -> None:
    reg.publish_pypi("cachy", {"1.0.0": [PyPIFile.wheel(src, "cachy", "1.0.0")]})
    CACHE_SHAPES[shape](tmp_path / "cache")
    fetched = fetch_target("pypi:cachy", _opts(reg, tmp_path), tmp_path / "s")
    assert fetched.archive is not None and fetched.archive.is_file()
    [msg] = _cache_errors(fetched)
    assert "cannot be used" in msg and "went on without it" in msg


def test_blob_entry_that_is_a_folder(reg: FakeRegistry, src: Path, tmp_path: Path) -> None:
    wheel = PyPIFile.wheel(src, "blobdir", "1.0.0")
    reg.publish_pypi("blobdir", {"1.0.0": [wheel]})
    digest = __import__("hashlib").sha256(wheel.content).hexdigest()
    (tmp_path / "cache" / "blobs" / "sha256" / digest).mkdir(parents=True)
    fetched = fetch_target("pypi:blobdir", _opts(reg, tmp_path), tmp_path / "s")
    assert fetched.archive is not None and fetched.archive.is_file()
    [msg] = _cache_errors(fetched)
    assert "cannot be used" in msg


def test_missing_cache_folder_that_cannot_be_created(reg: FakeRegistry, src: Path, tmp_path: Path) -> None:
    reg.publish_pypi("nocache", {"1.0.0": [PyPIFile.wheel(src, "nocache", "1.0.0")]})
    opts = reg.options(Path("/proc/self/no-such-cache"))  # /proc refuses new folders, even to root
    fetched = fetch_target("pypi:nocache", opts, tmp_path / "s")
    assert fetched.archive is not None
    assert len(_cache_errors(fetched)) == 1


def test_unwritable_cache(reg: FakeRegistry, src: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What a read-only or unwritable folder does (root is not stopped by modes, so the denial is
    made to happen where the cache writes)."""
    from mcpvet.fetch import cache as cache_mod

    def denied(*a: object, **k: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(cache_mod, "tempfile", SimpleNamespace(mkstemp=denied))
    reg.publish_pypi("rocache", {"1.0.0": [PyPIFile.wheel(src, "rocache", "1.0.0")]})
    fetched = fetch_target("pypi:rocache", _opts(reg, tmp_path), tmp_path / "s")
    assert fetched.archive is not None
    expected = f"the cache folder {tmp_path / 'cache'} cannot be used (Permission denied); mcpvet went on without it"
    assert _cache_errors(fetched) == [expected]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through folder modes")
def test_read_only_cache_folder(reg: FakeRegistry, src: Path, tmp_path: Path) -> None:
    reg.publish_pypi("ro", {"1.0.0": [PyPIFile.wheel(src, "ro", "1.0.0")]})
    cache = tmp_path / "cache"
    cache.mkdir()
    cache.chmod(0o555)
    try:
        fetched = fetch_target("pypi:ro", _opts(reg, tmp_path), tmp_path / "s")
    finally:
        cache.chmod(0o755)
    assert fetched.archive is not None and len(_cache_errors(fetched)) == 1


def test_usable_cache_says_nothing(reg: FakeRegistry, src: Path, tmp_path: Path) -> None:
    reg.publish_pypi("fine", {"1.0.0": [PyPIFile.wheel(src, "fine", "1.0.0")]})
    first = fetch_target("pypi:fine", _opts(reg, tmp_path), tmp_path / "s1")
    second = fetch_target("pypi:fine", _opts(reg, tmp_path), tmp_path / "s2")
    assert _cache_errors(first) == _cache_errors(second) == []
    assert reg.requests_for("/files/fine/") == 1  # the second came from the cache


# ----------------------------------------------------------------------------- HttpClient directly
def test_deadline_covers_retries(fake_http: FakeHTTPServer, tmp_path: Path) -> None:
    """Retries happen inside the one deadline: a server that keeps failing slowly ends in time."""
    fake_http.add("/flaky", Response(b"", 503, delay_s=0.4))
    opts = InspectOptions(pypi_url=fake_http.url, npm_url=fake_http.url, osv_url=fake_http.url,
                          cache_dir=tmp_path / "c", http_retries=10, http_timeout_s=5, http_json_deadline_s=1.0)
    start = time.monotonic()
    with HttpClient(opts) as client, pytest.raises(FetchError, match="deadline|503"):
        client.get_json(f"{fake_http.url}/flaky")
    assert time.monotonic() - start < 1.0 + SLACK_S


# ----------------------------------------------------------------------------- semgrep
@pytest.mark.parametrize("kind", ["not-executable", "broken-binary"])
def test_semgrep_that_cannot_run_is_an_error_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   kind: str) -> None:
    from mcpvet.discover import discover
    from mcpvet.semgrep import runner

    fake = tmp_path / "bin" / "semgrep"
    fake.parent.mkdir()
    if kind == "not-executable":
        fake.write_text("#!/bin/sh\necho '{}'\n")
        fake.chmod(0o644)
    else:
        fake.write_bytes(b"\x7fELF\x02\x01\x01" + b"\x00" * 57)  # an ELF header with nothing behind it
        fake.chmod(0o755)
    monkeypatch.setattr(runner, "semgrep_binary", lambda: str(fake))
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "server.py").write_text("import os\n\ndef f(x):\n    return os.system(x)\n")
    tree, _ = discover(pkg, name_hint="pkg")
    run = runner.run_semgrep(tree, InspectOptions())
    assert run.hits == ()
    [err] = [e for e in run.errors if e.stage == "semgrep" and "could not be run" in e.message]
    assert str(fake) in err.message


def test_json_fixture_is_really_deep() -> None:
    with pytest.raises(RecursionError):
        json.loads(DEEP)


def test_a_file_host_sharing_the_registrys_private_address_is_allowed(fake_http: FakeHTTPServer,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A mirror (or a sandbox) where the registry and its file host resolve to one private address:
    that address is where the configured registry lives, so the file host is not a redirect into
    a private network. Any other private address is still refused."""
    host, port = fake_http.url.rsplit("/", 1)[1].split(":")
    real = socket.getaddrinfo

    def resolve(name: str, *a: object, **k: object) -> list:
        if name == "pypi.mirror.test":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (host, 0))]
        if name == "other.mirror.test":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.1.2.3", 0))]
        return real(name, *a, **k)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    with socket.create_connection((host, int(port))) as sock:
        AddressGuard(["https://pypi.mirror.test"]).check_peer("files.mirror.test", sock)
        with pytest.raises(AddressRefused, match="resolves to 127.0.0.1"):
            AddressGuard(["https://other.mirror.test"]).check_peer("files.mirror.test", sock)
