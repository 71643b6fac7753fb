"""Spec parsing and local targets (folders and archives)."""

from __future__ import annotations

import hashlib

import pytest

from mcpvet.errors import TargetNotFound, UsageError
from mcpvet.fetch import fetch_target, parse_spec
from mcpvet.fetch.common import iso, normalise_repo_url, person_names
from mcpvet.fetch.local import archive_name_version
from mcpvet.model import Ecosystem
from mcpvet.options import InspectOptions
from tests.support.registry import copy_case, make_npm_tarball, make_wheel


@pytest.mark.parametrize("spec,kind,name,version", [
    ("pypi:mcp-server-time", "pypi", "mcp-server-time", None),
    ("pypi:mcp-server-time==2026.10.19", "pypi", "mcp-server-time", "2026.10.19"),
    ("npm:left-pad", "npm", "left-pad", None),
    ("npm:left-pad@1.3.0", "npm", "left-pad", "1.3.0"),
    ("npm:@scope/name", "npm", "@scope/name", None),
    ("npm:@scope/name@2.0.0-rc.1", "npm", "@scope/name", "2.0.0-rc.1"),
    ("some-name", "bare", "some-name", None),
    ("@scope/name@1.0.0", "bare", "@scope/name", "1.0.0"),
    ("some_name==1.0", "bare", "some_name", "1.0"),
])
def test_registry_specs(spec, kind, name, version):  # type: ignore[no-untyped-def]
    p = parse_spec(spec)
    assert (p.kind, p.name, p.version) == (kind, name, version)


@pytest.mark.parametrize("spec,url,ref,name", [
    ("git+https://github.com/a/b.git", "https://github.com/a/b.git", None, "b"),
    ("git+https://github.com/a/b.git@v1.2", "https://github.com/a/b.git", "v1.2", "b"),
    ("git+ssh://git@github.com/a/b.git@main", "ssh://git@github.com/a/b.git", "main", "b"),
    ("git+file:///tmp/repo@feature/x", "file:///tmp/repo", "feature/x", "repo"),
    ("git+https://h/a/b@" + "a" * 40, "https://h/a/b", "a" * 40, "b"),
])
def test_git_specs(spec, url, ref, name):  # type: ignore[no-untyped-def]
    p = parse_spec(spec)
    assert (p.kind, p.url, p.ref, p.name) == ("git", url, ref, name)


@pytest.mark.parametrize("spec", ["", "pypi:", "pypi:bad name", "npm:", "npm:x@", "git+ftp://h/r",
                                  "git+https://h/r@--upload-pack=evil", "pypi:x=="])
def test_bad_specs(spec):  # type: ignore[no-untyped-def]
    with pytest.raises(UsageError):
        parse_spec(spec)


def test_missing_local_path(tmp_path):  # type: ignore[no-untyped-def]
    with pytest.raises(TargetNotFound):
        fetch_target(str(tmp_path / "nothing.tar.gz"), InspectOptions(), tmp_path / "s")
    with pytest.raises(TargetNotFound):
        fetch_target("./no/such/dir", InspectOptions(), tmp_path / "s")


def test_local_directory(tmp_path):  # type: ignore[no-untyped-def]
    src = copy_case("py-weather-key-in-handler", tmp_path / "py-weather-key-in-handler")
    fetched = fetch_target(str(src), InspectOptions(), tmp_path / "s")
    assert fetched.directory == src.resolve() and fetched.archive is None
    t = fetched.target
    assert (t.ecosystem, t.name, t.artifact, t.sha256) == (Ecosystem.LOCAL, "py-weather-key-in-handler", None, None)


def test_local_archives(tmp_path):  # type: ignore[no-untyped-def]
    src = copy_case("js-sqlite-notes-cjs", tmp_path / "js")
    tgz = tmp_path / "dist-named-1.2.3.tgz"
    tgz.write_bytes(make_npm_tarball(src))
    fetched = fetch_target(str(tgz), InspectOptions(), tmp_path / "s")
    t = fetched.target
    assert fetched.archive == tgz.resolve()
    assert (t.ecosystem, t.name, t.version, t.artifact) == (Ecosystem.LOCAL, "dist-named", "1.2.3", tgz.name)
    assert t.sha256 == hashlib.sha256(tgz.read_bytes()).hexdigest()
    whl = tmp_path / "demo_pkg-0.3.0-py3-none-any.whl"
    whl.write_bytes(make_wheel(copy_case("py-weather-key-in-handler", tmp_path / "py"), "demo-pkg", "0.3.0"))
    w = fetch_target(str(whl), InspectOptions(), tmp_path / "s").target
    assert (w.name, w.version) == ("demo-pkg", "0.3.0")


def test_local_file_that_is_not_an_archive(tmp_path):  # type: ignore[no-untyped-def]
    f = tmp_path / "notes.txt"
    f.write_text("hello")
    with pytest.raises(UsageError):
        fetch_target(str(f), InspectOptions(), tmp_path / "s")


def test_archive_name_version():
    assert archive_name_version("foo_bar-1.0.tar.gz") == ("foo-bar", "1.0")
    assert archive_name_version("server-memory-2026.8.31.tgz") == ("server-memory", "2026.8.31")
    assert archive_name_version("thing.zip") == ("thing", None)


def test_normalisers():
    assert normalise_repo_url("git+https://github.com/a/b.git") == "https://github.com/a/b"
    assert normalise_repo_url({"type": "git", "url": "git@github.com:a/b.git"}) == "https://github.com/a/b"
    assert normalise_repo_url("github:a/b") == "https://github.com/a/b"
    assert normalise_repo_url("a/b") == "https://github.com/a/b"
    assert normalise_repo_url("git://gitlab.com/x/y.git") == "https://gitlab.com/x/y"
    assert normalise_repo_url("https://example.org/code/") == "https://example.org/code"
    assert normalise_repo_url(None) is None
    assert person_names("A B <a@x>, C D") == ["A B", "C D"]
    assert person_names([{"name": "x"}, {"email": "y@z"}]) == ["x", "y@z"]
    assert person_names("Example, Inc. <x@y> (https://x)", split=False) == ["Example, Inc."]
    assert iso("2024-01-02T03:04:05.123456Z") == "2024-01-02T03:04:05Z"
    assert iso("2024-01-02T03:04:05") == "2024-01-02T03:04:05Z"
    assert iso("garbage") is None


def test_every_spec_kind_has_a_fetcher():
    from mcpvet.fetch import FETCHERS
    from mcpvet.fetch.spec import SPEC_KINDS

    assert set(FETCHERS) == set(SPEC_KINDS)
    assert all(callable(getattr(f, "fetch", None)) for f in FETCHERS.values())
