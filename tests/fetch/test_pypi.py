"""PyPI fetching against the fake registry: relative URLs, per-version 404, artifact choice,
digest verification, missing package/version, cache, RegistryInfo."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from mcpvet.errors import IntegrityError, TargetNotFound, UsageError
from mcpvet.fetch import fetch_target
from mcpvet.model import Ecosystem
from mcpvet.options import UnpackLimits
from mcpvet.unpack import unpack
from tests.support.registry import FakeRegistry, PyPIFile, copy_case


@pytest.fixture
def src(tmp_path: Path) -> Path:
    return copy_case("py-weather-key-in-handler", tmp_path / "case")


@pytest.fixture
def reg(fake_http) -> FakeRegistry:  # type: ignore[no-untyped-def]
    return FakeRegistry(fake_http)


def _publish(reg: FakeRegistry, src: Path, relative: bool = True, **kw):  # type: ignore[no-untyped-def]
    return reg.publish_pypi("web-fetch-mcp", {
        "0.9.0": [PyPIFile.sdist(src, "web-fetch-mcp", "0.9.0", upload_time="2024-03-01T10:00:00.000000Z")],
        "1.0.0": [PyPIFile.sdist(src, "web-fetch-mcp", "1.0.0", upload_time="2025-02-01T10:00:00.000000Z"),
                  PyPIFile.wheel(src, "web-fetch-mcp", "1.0.0", upload_time="2025-02-01T10:05:00.000000Z")],
    }, relative_urls=relative, **kw)


def test_latest_prefers_pure_wheel_with_relative_urls(reg, src, tmp_path):  # type: ignore[no-untyped-def]
    project = _publish(reg, src)
    assert project.document["releases"]["1.0.0"][0]["url"].startswith("../")
    fetched = fetch_target("pypi:web-fetch-mcp", reg.options(tmp_path / "c"), tmp_path / "scratch")
    t = fetched.target
    assert (t.ecosystem, t.name, t.version) == (Ecosystem.PYPI, "web-fetch-mcp", "1.0.0")
    assert t.artifact == "web_fetch_mcp-1.0.0-py3-none-any.whl"
    assert fetched.archive is not None and fetched.archive.is_relative_to(tmp_path / "scratch")
    assert t.sha256 == hashlib.sha256(fetched.archive.read_bytes()).hexdigest()
    res = unpack(fetched.archive, tmp_path / "out", UnpackLimits())
    assert (res.root / "skycast_mcp" / "server.py").is_file()


def test_absolute_urls_and_sdist_override(reg, src, tmp_path):  # type: ignore[no-untyped-def]
    _publish(reg, src, relative=False)
    opts = reg.options(tmp_path / "c", artifact="sdist")
    fetched = fetch_target("pypi:web-fetch-mcp", opts, tmp_path / "s")
    assert fetched.target.artifact == "web_fetch_mcp-1.0.0.tar.gz"
    res = unpack(fetched.archive, tmp_path / "out", UnpackLimits())
    assert res.root.name == "web_fetch_mcp-1.0.0"  # the sdist folder is collapsed into the root
    assert (res.root / "src" / "skycast_mcp" / "server.py").is_file()


def test_older_version_uses_releases_when_per_version_json_is_404(reg, src, tmp_path):  # type: ignore[no-untyped-def]
    _publish(reg, src)
    fetched = fetch_target("pypi:web_fetch_mcp==0.9.0", reg.options(tmp_path / "c"), tmp_path / "s")
    assert fetched.target.version == "0.9.0"
    assert fetched.target.artifact == "web_fetch_mcp-0.9.0.tar.gz"  # no wheel in 0.9.0: the sdist
    assert reg.requests_for("/pypi/web-fetch-mcp/0.9.0/json") == 0  # releases had it


def test_version_equivalence(reg, src, tmp_path):  # type: ignore[no-untyped-def]
    _publish(reg, src)
    fetched = fetch_target("pypi:web-fetch-mcp==1.0", reg.options(tmp_path / "c"), tmp_path / "s")
    assert fetched.target.version == "1.0.0"


def test_unknown_version_tries_per_version_api_then_not_found(reg, src, tmp_path):  # type: ignore[no-untyped-def]
    _publish(reg, src)
    with pytest.raises(TargetNotFound) as err:
        fetch_target("pypi:web-fetch-mcp==7.7.7", reg.options(tmp_path / "c"), tmp_path / "s")
    assert err.value.exit_code == 2
    assert "7.7.7" in str(err.value) and "1.0.0" in str(err.value)  # names the latest version
    assert reg.requests_for("/pypi/web-fetch-mcp/7.7.7/json") == 1


def test_unknown_package(reg, tmp_path):  # type: ignore[no-untyped-def]
    with pytest.raises(TargetNotFound, match="no project named 'nope-nope'"):
        fetch_target("pypi:nope-nope", reg.options(tmp_path / "c"), tmp_path / "s")


def test_digest_mismatch_is_an_integrity_error(reg, src, tmp_path):  # type: ignore[no-untyped-def]
    reg.publish_pypi("web-fetch-mcp", {"1.0.0": [
        PyPIFile.wheel(src, "web-fetch-mcp", "1.0.0", sha256="0" * 64)]})
    with pytest.raises(IntegrityError) as err:
        fetch_target("pypi:web-fetch-mcp", reg.options(tmp_path / "c"), tmp_path / "s")
    assert err.value.exit_code == 3
    assert "digest mismatch" in str(err.value)
    assert not [p for p in (tmp_path / "s").rglob("*") if p.is_file()]  # the bad file is not left behind
    assert not [p for p in (tmp_path / "c").rglob("*") if p.is_file() and "blobs" in p.parts]  # never cached


def test_missing_digest_is_reported_not_silent(reg, src, tmp_path):  # type: ignore[no-untyped-def]
    reg.publish_pypi("web-fetch-mcp", {"1.0.0": [
        PyPIFile.wheel(src, "web-fetch-mcp", "1.0.0", publish_digest=False)]})
    fetched = fetch_target("pypi:web-fetch-mcp", reg.options(tmp_path / "c"), tmp_path / "s")
    assert any("could not be verified" in e.message for e in fetched.errors)


def test_wheel_override_and_platform_only(reg, src, tmp_path):  # type: ignore[no-untyped-def]
    reg.publish_pypi("web-fetch-mcp", {"1.0.0": [
        PyPIFile.sdist(src, "web-fetch-mcp", "1.0.0"),
        PyPIFile.wheel(src, "web-fetch-mcp", "1.0.0", tag="cp311-cp311-manylinux_2_17_x86_64"),
    ]})
    default = fetch_target("pypi:web-fetch-mcp", reg.options(tmp_path / "c"), tmp_path / "s1")
    assert default.target.artifact.endswith(".tar.gz")  # no pure wheel: pip would build the sdist
    forced = fetch_target("pypi:web-fetch-mcp", reg.options(tmp_path / "c", artifact="wheel"), tmp_path / "s2")
    assert forced.target.artifact.endswith("manylinux_2_17_x86_64.whl")
    assert any("platform wheel" in e.message for e in forced.errors)


def test_sdist_override_without_sdist_is_not_found(reg, src, tmp_path):  # type: ignore[no-untyped-def]
    reg.publish_pypi("web-fetch-mcp", {"1.0.0": [PyPIFile.wheel(src, "web-fetch-mcp", "1.0.0")]})
    with pytest.raises(TargetNotFound, match="no sdist"):
        fetch_target("pypi:web-fetch-mcp", reg.options(tmp_path / "c", artifact="sdist"), tmp_path / "s")


def test_bad_artifact_option(reg, src, tmp_path):  # type: ignore[no-untyped-def]
    _publish(reg, src)
    with pytest.raises(UsageError):
        fetch_target("pypi:web-fetch-mcp", reg.options(tmp_path / "c", artifact="egg"), tmp_path / "s")


def test_cache_hit_does_not_download_again(reg, src, tmp_path):  # type: ignore[no-untyped-def]
    _publish(reg, src)
    opts = reg.options(tmp_path / "cache")
    whl = "web_fetch_mcp-1.0.0-py3-none-any.whl"
    first = fetch_target("pypi:web-fetch-mcp", opts, tmp_path / "s1")
    assert reg.requests_for(whl) == 1
    second = fetch_target("pypi:web-fetch-mcp", opts, tmp_path / "s2")
    assert reg.requests_for(whl) == 1  # served from the cache
    assert second.target.sha256 == first.target.sha256
    assert second.archive.read_bytes() == first.archive.read_bytes()
    third = fetch_target("pypi:web-fetch-mcp", reg.options(tmp_path / "cache", use_cache=False), tmp_path / "s3")
    assert reg.requests_for(whl) == 2 and third.target.sha256 == first.target.sha256


def test_corrupt_cache_entry_is_not_served(reg, src, tmp_path):  # type: ignore[no-untyped-def]
    _publish(reg, src)
    opts = reg.options(tmp_path / "cache")
    first = fetch_target("pypi:web-fetch-mcp", opts, tmp_path / "s1")
    blob = tmp_path / "cache" / "blobs" / "sha256" / first.target.sha256
    assert blob.is_file()
    blob.write_bytes(b"tampered")
    second = fetch_target("pypi:web-fetch-mcp", opts, tmp_path / "s2")
    assert second.target.sha256 == first.target.sha256
    assert reg.requests_for("web_fetch_mcp-1.0.0-py3-none-any.whl") == 2


def test_offline_uses_the_cache_only(reg, src, tmp_path):  # type: ignore[no-untyped-def]
    from mcpvet.errors import FetchError

    _publish(reg, src)
    fetch_target("pypi:web-fetch-mcp", reg.options(tmp_path / "cache"), tmp_path / "s1")
    before = len(reg.server.requests)
    again = fetch_target("pypi:web-fetch-mcp", reg.options(tmp_path / "cache", offline=True), tmp_path / "s2")
    assert len(reg.server.requests) == before and again.target.version == "1.0.0"
    with pytest.raises(FetchError, match="offline"):
        fetch_target("pypi:web-fetch-mcp", reg.options(tmp_path / "empty", offline=True), tmp_path / "s3")


def test_registry_info_is_filled(reg, src, tmp_path):  # type: ignore[no-untyped-def]
    reg.publish_pypi("web-fetch-mcp", {
        "0.9.0": [PyPIFile.sdist(src, "web-fetch-mcp", "0.9.0", upload_time="2024-03-01T10:00:00.000000Z")],
        "1.0.0": [PyPIFile.sdist(src, "web-fetch-mcp", "1.0.0", upload_time="2025-02-01T10:00:00.123456Z",
                                 yanked=True, yanked_reason="broken build")],
        "1.1.0": [],  # a release without files does not count
    }, latest="0.9.0", info={"maintainer": "Grace Hopper, Alan Turing", "license_expression": "Apache-2.0",
                             "home_page": "https://home.example.org"},
        ownership={"roles": [{"role": "Owner", "user": "grace"}], "organization": None})
    fetched = fetch_target("pypi:web-fetch-mcp==1.0.0", reg.options(tmp_path / "c"), tmp_path / "s")
    info = fetched.registry
    assert info is not None and info.registry == "pypi"
    assert info.url.endswith("/pypi/web-fetch-mcp/json")
    assert info.maintainers == ("Grace Hopper", "Alan Turing", "grace")
    assert info.authors == ("Ada Lovelace",)
    assert info.release_count == 2
    assert (info.first_release, info.latest_release) == ("2024-03-01T10:00:00Z", "2025-02-01T10:00:00Z")
    assert info.version_released == "2025-02-01T10:00:00Z"
    assert info.latest_version == "0.9.0"
    assert (info.yanked, info.yanked_reason) == (True, "broken build")
    assert info.license == "Apache-2.0"
    assert info.repository_url == "https://github.com/example/web-fetch-mcp"
    assert info.homepage_url == "https://home.example.org"
    assert info.raw["info"]["name"] == "web-fetch-mcp"


def test_fake_simple_api_html_and_json(reg, src, tmp_path):  # type: ignore[no-untyped-def]
    """The fake registry's /simple/ page (used by other stages): HTML by default, PEP 691 JSON on request."""
    import requests

    reg.publish_pypi("web-fetch-mcp", {"1.0.0": [
        PyPIFile.wheel(src, "web-fetch-mcp", "1.0.0", provenance={"attestation_bundles": []})]})
    html = requests.get(reg.pypi_url + "/simple/web-fetch-mcp/", timeout=5)
    assert "web_fetch_mcp-1.0.0-py3-none-any.whl" in html.text
    doc = requests.get(reg.pypi_url + "/simple/web-fetch-mcp/", timeout=5,
                       headers={"Accept": "application/vnd.pypi.simple.v1+json"}).json()
    (entry,) = doc["files"]
    assert entry["hashes"]["sha256"] and entry["provenance"].endswith("/provenance")
    assert requests.get(entry["provenance"], timeout=5).json() == {"attestation_bundles": []}


def test_platform_wheel_is_the_one_pip_would_pick_here(reg, src, tmp_path):  # type: ignore[no-untyped-def]
    from packaging.tags import sys_tags

    here = next(iter(sys_tags()))  # the most specific tag this interpreter installs
    reg.publish_pypi("web-fetch-mcp", {"1.0.0": [
        PyPIFile.wheel(src, "web-fetch-mcp", "1.0.0", tag="py3-none-aaa_not_a_platform"),
        PyPIFile.wheel(src, "web-fetch-mcp", "1.0.0", tag=f"{here.interpreter}-{here.abi}-{here.platform}"),
    ]})
    fetched = fetch_target("pypi:web-fetch-mcp", reg.options(tmp_path / "c"), tmp_path / "s")
    assert fetched.target.artifact.endswith(f"{here.platform}.whl")  # not the first by name
    assert any("platform wheel" in e.message for e in fetched.errors)


def test_no_wheel_for_this_platform_is_said(reg, src, tmp_path):  # type: ignore[no-untyped-def]
    reg.publish_pypi("web-fetch-mcp", {"1.0.0": [
        PyPIFile.wheel(src, "web-fetch-mcp", "1.0.0", tag="py3-none-aaa_not_a_platform"),
    ]})
    fetched = fetch_target("pypi:web-fetch-mcp", reg.options(tmp_path / "c"), tmp_path / "s")
    assert any("no wheel for this platform" in e.message for e in fetched.errors)
