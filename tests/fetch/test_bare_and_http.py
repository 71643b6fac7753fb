"""Bare-name lookup in both registries, and HTTP failure modes: slow, truncated, 5xx, unreachable, cap."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from mcpvet.errors import AmbiguousTarget, FetchError, TargetNotFound
from mcpvet.fetch import fetch_target
from mcpvet.model import Ecosystem
from tests.support.fakehttp import Response
from tests.support.registry import FakeRegistry, NpmVersion, PyPIFile, copy_case, make_wheel, slow, truncated


@pytest.fixture
def reg(fake_http) -> FakeRegistry:  # type: ignore[no-untyped-def]
    return FakeRegistry(fake_http)


@pytest.fixture
def py_src(tmp_path: Path) -> Path:
    return copy_case("py-weather-key-in-handler", tmp_path / "py")


@pytest.fixture
def js_src(tmp_path: Path) -> Path:
    return copy_case("js-sqlite-notes-cjs", tmp_path / "js")


def test_bare_name_on_pypi_only(reg, py_src, tmp_path):  # type: ignore[no-untyped-def]
    reg.publish_pypi("only-py", {"1.0.0": [PyPIFile.wheel(py_src, "only-py", "1.0.0")]})
    fetched = fetch_target("only-py", reg.options(tmp_path / "c"), tmp_path / "s")
    assert fetched.target.ecosystem == Ecosystem.PYPI and fetched.target.spec == "only-py"
    assert any("PyPI only" in n and "pypi:only-py" in n for n in fetched.notes)


def test_bare_name_on_npm_only_with_version(reg, js_src, tmp_path):  # type: ignore[no-untyped-def]
    reg.publish_npm("only-js", {"1.0.0": NpmVersion.from_folder(js_src), "2.0.0": NpmVersion.from_folder(js_src)})
    fetched = fetch_target("only-js@1.0.0", reg.options(tmp_path / "c"), tmp_path / "s")
    assert (fetched.target.ecosystem, fetched.target.version) == (Ecosystem.NPM, "1.0.0")
    assert any("npm only" in n for n in fetched.notes)


def test_bare_scoped_name_only_asks_npm(reg, js_src, tmp_path):  # type: ignore[no-untyped-def]
    reg.publish_npm("@acme/tool", {"1.0.0": NpmVersion.from_folder(js_src)})
    fetched = fetch_target("@acme/tool", reg.options(tmp_path / "c"), tmp_path / "s")
    assert fetched.target.ecosystem == Ecosystem.NPM
    assert not [p for _, p in reg.server.requests if p.startswith("/pypi/")]


def test_bare_name_in_both_is_ambiguous(reg, py_src, js_src, tmp_path):  # type: ignore[no-untyped-def]
    reg.publish_pypi("twin", {"1.0.0": [PyPIFile.wheel(py_src, "twin", "1.0.0")]})
    reg.publish_npm("twin", {"1.0.0": NpmVersion.from_folder(js_src)})
    with pytest.raises(AmbiguousTarget) as err:
        fetch_target("twin", reg.options(tmp_path / "c"), tmp_path / "s")
    assert err.value.exit_code == 2
    assert "pypi:twin" in str(err.value) and "npm:twin" in str(err.value)


def test_bare_name_nowhere(reg, tmp_path):  # type: ignore[no-untyped-def]
    with pytest.raises(TargetNotFound, match="neither PyPI nor npm"):
        fetch_target("ghost-package", reg.options(tmp_path / "c"), tmp_path / "s")


def test_unreachable_registry_is_a_fetch_error(tmp_path):  # type: ignore[no-untyped-def]
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    from mcpvet.options import InspectOptions

    opts = InspectOptions(pypi_url=f"http://127.0.0.1:{port}", npm_url=f"http://127.0.0.1:{port}",
                          cache_dir=tmp_path / "c", http_retries=0, http_timeout_s=2)
    with pytest.raises(FetchError, match="cannot connect") as err:
        fetch_target("pypi:anything", opts, tmp_path / "s")
    assert err.value.exit_code == 3
    with pytest.raises(FetchError, match="could not look the name up"):
        fetch_target("anything", opts, tmp_path / "s")


def test_slow_download_times_out(reg, py_src, tmp_path):  # type: ignore[no-untyped-def]
    wheel = make_wheel(py_src, "slowpkg", "1.0.0")
    reg.publish_pypi("slowpkg", {"1.0.0": [PyPIFile("slowpkg-1.0.0-py3-none-any.whl", wheel, "bdist_wheel",
                                                    response=slow(wheel, 3.0))]})
    start = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        fetch_target("pypi:slowpkg", reg.options(tmp_path / "c", http_timeout_s=0.5), tmp_path / "s")
    assert time.monotonic() - start < 3.0


def test_slow_metadata_times_out(reg, tmp_path):  # type: ignore[no-untyped-def]
    reg.server.add("/pypi/slowmeta/json", Response(b"{}", 200, {"Content-Type": "application/json"}, delay_s=3.0))
    with pytest.raises(FetchError, match="timed out"):
        fetch_target("pypi:slowmeta", reg.options(tmp_path / "c", http_timeout_s=0.5), tmp_path / "s")


def test_truncated_download_is_a_clear_error(reg, py_src, tmp_path):  # type: ignore[no-untyped-def]
    wheel = make_wheel(py_src, "cutpkg", "1.0.0")
    reg.publish_pypi("cutpkg", {"1.0.0": [PyPIFile("cutpkg-1.0.0-py3-none-any.whl", wheel, "bdist_wheel",
                                                   response=truncated(wheel, len(wheel) // 2))]})
    with pytest.raises(FetchError, match="cut off") as err:
        fetch_target("pypi:cutpkg", reg.options(tmp_path / "c"), tmp_path / "s")
    assert err.value.exit_code == 3
    assert not [p for p in (tmp_path / "s").rglob("*") if p.is_file()]  # no partial file left behind


def test_download_size_cap(reg, py_src, tmp_path):  # type: ignore[no-untyped-def]
    reg.publish_pypi("bigpkg", {"1.0.0": [PyPIFile.wheel(py_src, "bigpkg", "1.0.0")]})
    with pytest.raises(FetchError, match="limit"):
        fetch_target("pypi:bigpkg", reg.options(tmp_path / "c", max_download_bytes=200), tmp_path / "s")


def test_server_errors_are_retried_then_reported(reg, tmp_path):  # type: ignore[no-untyped-def]
    calls = []

    def flaky(method, body, headers):  # type: ignore[no-untyped-def]
        calls.append(1)
        return Response(b"oops", 503)

    reg.server.add("/pypi/flaky/json", flaky)
    with pytest.raises(FetchError, match="503|retries"):
        fetch_target("pypi:flaky", reg.options(tmp_path / "c", http_retries=2), tmp_path / "s")
    assert len(calls) == 3  # first try + 2 retries


def test_transient_error_recovers(reg, py_src, tmp_path):  # type: ignore[no-untyped-def]
    reg.publish_pypi("wobbly", {"1.0.0": [PyPIFile.wheel(py_src, "wobbly", "1.0.0")]})
    good = reg.server.routes[("*", "/pypi/wobbly/json")]
    state = {"n": 0}

    def once_bad(method, body, headers):  # type: ignore[no-untyped-def]
        state["n"] += 1
        return Response(b"", 502) if state["n"] == 1 else good

    reg.server.add("/pypi/wobbly/json", once_bad)
    fetched = fetch_target("pypi:wobbly", reg.options(tmp_path / "c", http_retries=2), tmp_path / "s")
    assert fetched.target.version == "1.0.0" and state["n"] == 2


def test_invalid_json_is_a_fetch_error(reg, tmp_path):  # type: ignore[no-untyped-def]
    reg.server.add("/pypi/junk/json", b"<html>not json</html>", content_type="text/html")
    with pytest.raises(FetchError, match="not valid JSON"):
        fetch_target("pypi:junk", reg.options(tmp_path / "c"), tmp_path / "s")


def test_user_agent(reg, tmp_path):  # type: ignore[no-untyped-def]
    seen = {}

    def capture(method, body, headers):  # type: ignore[no-untyped-def]
        seen.update(headers)
        return Response(b'{"message": "nope"}', 404)

    reg.server.add("/pypi/ua/json", capture)
    with pytest.raises(TargetNotFound):
        fetch_target("pypi:ua", reg.options(tmp_path / "c"), tmp_path / "s")
    assert seen.get("User-Agent", "").startswith("mcpvet/")


def test_drip_fed_download_hits_the_deadline(tmp_path):  # type: ignore[no-untyped-def]
    """A server that sends one byte just often enough to dodge the read timeout still ends."""
    import socket
    import threading

    from mcpvet.fetch.http import HttpClient
    from mcpvet.options import InspectOptions

    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(1)
    stop = threading.Event()

    def serve() -> None:
        conn, _ = srv.accept()
        conn.recv(65536)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n")
        try:
            while not stop.is_set():
                conn.sendall(b"x" * 64)
                time.sleep(0.1)
        except OSError:
            pass
        finally:
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{srv.getsockname()[1]}"
    client = HttpClient(InspectOptions(pypi_url=base, npm_url=base, cache_dir=tmp_path / "c", http_timeout_s=0.5,
                                       http_retries=0, http_deadline_s=1.5))
    start = time.monotonic()
    try:
        # normally the overall deadline ends it ("too slow"); on a loaded machine the per-read
        # timeout may fire first ("timed out"): either way the download ends with a clear error
        with pytest.raises(FetchError, match="too slow|timed out"):
            client.download(f"http://127.0.0.1:{srv.getsockname()[1]}/f.whl", tmp_path / "d")
    finally:
        stop.set()
        client.close()
        srv.close()
    assert time.monotonic() - start < 10.0
    assert not list((tmp_path / "d").iterdir())
