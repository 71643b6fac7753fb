"""npm fetching against the fake registry: scoped names, dist-tags, integrity and shasum, RegistryInfo."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest

from mcpvet.errors import IntegrityError, TargetNotFound
from mcpvet.fetch import fetch_target
from mcpvet.fetch.npm import packument_url, parse_integrity
from mcpvet.model import Ecosystem
from mcpvet.options import UnpackLimits
from mcpvet.unpack import unpack
from tests.support.registry import FakeRegistry, NpmVersion, copy_case


@pytest.fixture
def src(tmp_path: Path) -> Path:
    return copy_case("ts-github-issues-token", tmp_path / "case")


@pytest.fixture
def reg(fake_http) -> FakeRegistry:  # type: ignore[no-untyped-def]
    return FakeRegistry(fake_http)


def test_scoped_package_latest_and_integrity(reg, src, tmp_path):  # type: ignore[no-untyped-def]
    reg.publish_npm("@acme/docs-reader", {
        "1.0.0": NpmVersion.from_folder(src, time="2024-05-01T00:00:00.000Z"),
        "1.1.0": NpmVersion.from_folder(src, time="2025-06-01T12:30:00.000Z"),
        "2.0.0-beta.1": NpmVersion.from_folder(src, time="2025-07-01T00:00:00.000Z"),
    }, dist_tags={"latest": "1.1.0", "next": "2.0.0-beta.1"})
    fetched = fetch_target("npm:@acme/docs-reader", reg.options(tmp_path / "c"), tmp_path / "s")
    t = fetched.target
    assert (t.ecosystem, t.name, t.version, t.artifact) == (Ecosystem.NPM, "@acme/docs-reader", "1.1.0",
                                                            "docs-reader-1.1.0.tgz")
    # the scoped name is requested encoded, as npm does (requests upper-cases the escape)
    assert "/npm/@acme%2fdocs-reader" in [p.lower() for _, p in reg.server.requests]
    assert t.sha256 == hashlib.sha256(fetched.archive.read_bytes()).hexdigest()
    res = unpack(fetched.archive, tmp_path / "out", UnpackLimits())
    assert res.root.name == "package" and (res.root / "src" / "index.ts").is_file()

    tagged = fetch_target("npm:@acme/docs-reader@next", reg.options(tmp_path / "c"), tmp_path / "s2")
    assert tagged.target.version == "2.0.0-beta.1"
    exact = fetch_target("npm:@acme/docs-reader@1.0.0", reg.options(tmp_path / "c"), tmp_path / "s3")
    assert exact.target.version == "1.0.0"


def test_registry_info(reg, src, tmp_path):  # type: ignore[no-untyped-def]
    v = NpmVersion.from_folder(src, time="2025-06-01T12:30:00.000Z")
    v.manifest.update({"deprecated": "use @acme/other", "license": {"type": "ISC"},
                       "repository": {"type": "git", "url": "git+https://github.com/acme/docs-reader.git"},
                       "homepage": "https://acme.example", "author": "Ada <ada@example.org>"})
    reg.publish_npm("docs-reader", {"0.1.0": NpmVersion.from_folder(src, time="2023-01-01T00:00:00.000Z"),
                                    "1.0.0": v},
                    maintainers=[{"name": "ada", "email": "a@x"}, {"name": "bob", "email": "b@x"}])
    info = fetch_target("npm:docs-reader@1.0.0", reg.options(tmp_path / "c"), tmp_path / "s").registry
    assert info is not None and info.registry == "npm"
    assert info.maintainers == ("ada", "bob") and info.authors == ("Ada",)
    assert info.release_count == 2
    assert (info.first_release, info.latest_release) == ("2023-01-01T00:00:00Z", "2025-06-01T12:30:00Z")
    assert info.version_released == "2025-06-01T12:30:00Z"
    assert info.latest_version == "1.0.0"
    assert info.deprecated == "use @acme/other" and info.yanked is False
    assert info.license == "ISC"
    assert info.repository_url == "https://github.com/acme/docs-reader"
    assert info.homepage_url == "https://acme.example"
    assert info.raw["name"] == "docs-reader"


def test_integrity_mismatch(reg, src, tmp_path):  # type: ignore[no-untyped-def]
    wrong = "sha512-" + base64.b64encode(hashlib.sha512(b"something else").digest()).decode()
    reg.publish_npm("docs-reader", {"1.0.0": NpmVersion.from_folder(src, integrity=wrong)})
    with pytest.raises(IntegrityError, match="sha512 digest mismatch") as err:
        fetch_target("npm:docs-reader", reg.options(tmp_path / "c"), tmp_path / "s")
    assert err.value.exit_code == 3


def test_shasum_fallback_mismatch(reg, src, tmp_path):  # type: ignore[no-untyped-def]
    reg.publish_npm("docs-reader", {"1.0.0": NpmVersion.from_folder(src, integrity="", shasum="a" * 40)})
    with pytest.raises(IntegrityError, match="sha1 digest mismatch"):
        fetch_target("npm:docs-reader", reg.options(tmp_path / "c"), tmp_path / "s")


def test_shasum_fallback_ok(reg, src, tmp_path):  # type: ignore[no-untyped-def]
    reg.publish_npm("docs-reader", {"1.0.0": NpmVersion.from_folder(src, integrity="")})
    fetched = fetch_target("npm:docs-reader", reg.options(tmp_path / "c"), tmp_path / "s")
    assert fetched.errors == ()


def test_missing_package_and_version(reg, src, tmp_path):  # type: ignore[no-untyped-def]
    reg.publish_npm("docs-reader", {"1.0.0": NpmVersion.from_folder(src)})
    with pytest.raises(TargetNotFound, match="no package named '@acme/nothing'"):
        fetch_target("npm:@acme/nothing", reg.options(tmp_path / "c"), tmp_path / "s")
    with pytest.raises(TargetNotFound, match="latest version is 1.0.0"):
        fetch_target("npm:docs-reader@9.9.9", reg.options(tmp_path / "c"), tmp_path / "s")


def test_npm_cache_hit(reg, src, tmp_path):  # type: ignore[no-untyped-def]
    reg.publish_npm("docs-reader", {"1.0.0": NpmVersion.from_folder(src)})
    opts = reg.options(tmp_path / "cache")
    fetch_target("npm:docs-reader", opts, tmp_path / "s1")
    fetch_target("npm:docs-reader", opts, tmp_path / "s2")
    assert reg.requests_for("docs-reader-1.0.0.tgz") == 1


def test_parse_integrity_picks_strongest():
    data = b"x"
    sri = (f"sha1-{base64.b64encode(hashlib.sha1(data).digest()).decode()} "
           f"sha512-{base64.b64encode(hashlib.sha512(data).digest()).decode()}")
    exp = parse_integrity(sri, None)
    assert exp is not None and exp.algorithm == "sha512" and exp.hexdigest == hashlib.sha512(data).hexdigest()
    assert parse_integrity("garbage", "b" * 40).algorithm == "sha1"  # type: ignore[union-attr]
    assert parse_integrity(None, None) is None


def test_packument_url():
    assert packument_url("https://r.example/", "@a/b") == "https://r.example/@a%2fb"
    assert packument_url("https://r.example", "left-pad") == "https://r.example/left-pad"


def test_missing_package_suggests_close_names(reg, tmp_path):  # type: ignore[no-untyped-def]
    reg.server.add_json("/npm/-/v1/search", {"objects": [{"package": {"name": "docs-reader"}},
                                                         {"package": {"name": "docs-readers"}}]})
    with pytest.raises(TargetNotFound) as err:
        fetch_target("npm:docs-reeder", reg.options(tmp_path / "c"), tmp_path / "s")
    assert "did you mean docs-reader, docs-readers?" in str(err.value)


@pytest.mark.parametrize("rng", ["^1.0.0", "~1.0", ">=1", "1.x", "1", "1.0", "1 || 2", "*"])
def test_version_ranges_are_a_usage_error(reg, src, tmp_path, rng):  # type: ignore[no-untyped-def]
    from mcpvet.errors import UsageError

    reg.publish_npm("docs-reader", {"1.0.0": NpmVersion.from_folder(src)})
    with pytest.raises(UsageError, match="version range") as err:
        fetch_target(f"npm:docs-reader@{rng}", reg.options(tmp_path / "c"), tmp_path / "s")
    assert err.value.exit_code == 2
