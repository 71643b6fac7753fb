"""Declared repository: parsing, consistency, star-jacking of official repositories."""

from __future__ import annotations

from pathlib import Path

import pytest

from mcpvet.checks.interface import Facts
from mcpvet.checks.provenance.repository import SourceRepository
from mcpvet.options import InspectOptions
from mcpvet.provenance import collect
from mcpvet.provenance.repository import parse_repo_url
from tests.provenance.fakes import NOW, days, fetched_for, npm_packument, pypi_project


def _run(fetched, tmp_path: Path):  # type: ignore[no-untyped-def]
    opts = InspectOptions(pypi_url="http://127.0.0.1:9", npm_url="http://127.0.0.1:9", osv_url="http://127.0.0.1:9",
                          cache_dir=tmp_path / "c", http_timeout_s=5, http_retries=0)
    prov = collect(fetched, None, opts, now=NOW)
    return prov, SourceRepository().run(Facts(target=fetched.target, tree=None, tools=(), frontends=(), provenance=prov))


@pytest.mark.parametrize("text,url,directory", [
    ("git+https://github.com/Owner/Repo.git", "https://github.com/Owner/Repo", None),
    ("git@github.com:owner/repo.git", "https://github.com/owner/repo", None),
    ("github:owner/repo", "https://github.com/owner/repo", None),
    ("owner/repo", "https://github.com/owner/repo", None),
    ("https://github.com/modelcontextprotocol/servers/tree/main/src/time", "https://github.com/modelcontextprotocol/servers",
     "src/time"),
    ("git+ssh://git@gitlab.com/grp/proj.git", "https://gitlab.com/grp/proj", None),
])
def test_parse_repo_url(text: str, url: str, directory: str | None) -> None:
    ref = parse_repo_url(text)
    assert ref is not None and ref.url == url and ref.directory == directory


def test_official_package_in_official_repository_is_consistent(tmp_path: Path) -> None:
    proj = pypi_project("mcp-server-time", [("2025.1", NOW - days(300))], info={"project_urls": {
        "Source": "https://github.com/modelcontextprotocol/servers", "Homepage": "https://modelcontextprotocol.io"}})
    prov, out = _run(fetched_for("pypi", "mcp-server-time", "2025.1", proj), tmp_path)
    assert out.score == 10.0 and out.findings == ()
    assert prov.to_json()["repository"]["consistent"] is True


def test_star_jacking_an_official_repository(tmp_path: Path) -> None:
    pk = npm_packument("mcp-weather-pro", [("1.0.0", NOW - days(50), "eve", ["eve"])],
                       repository={"type": "git", "url": "git+https://github.com/modelcontextprotocol/servers.git"})
    prov, out = _run(fetched_for("npm", "mcp-weather-pro", "1.0.0", pk), tmp_path)
    [f] = out.findings
    assert f.rule == "repository-mismatch" and "official repository" in f.message and out.score == 0.0
    assert prov.to_json()["repository"]["consistent"] is False


def test_homepage_and_repository_disagree(tmp_path: Path) -> None:
    pk = npm_packument("weather-mcp", [("1.0.0", NOW - days(50), "eve", ["eve"])],
                       repository="github:alice/weather-mcp",
                       extra_version={"1.0.0": {"homepage": "https://github.com/mallory/weather-mcp#readme"}})
    _, out = _run(fetched_for("npm", "weather-mcp", "1.0.0", pk), tmp_path)
    assert [f.rule for f in out.findings] == ["repository-mismatch"]


def test_no_repository_on_a_registry_package(tmp_path: Path) -> None:
    proj = pypi_project("weather-mcp", [("1.0", NOW - days(300))])
    _, out = _run(fetched_for("pypi", "weather-mcp", "1.0", proj), tmp_path)
    assert [f.rule for f in out.findings] == ["no-source-repository"] and out.score == 5.0


def test_unknown_host_cannot_be_judged(tmp_path: Path) -> None:
    proj = pypi_project("weather-mcp", [("1.0", NOW - days(300))],
                        info={"project_urls": {"Source": "https://git.example.org/weather.git"}})
    _, out = _run(fetched_for("pypi", "weather-mcp", "1.0", proj), tmp_path)
    assert out.findings == ()


def test_local_manifests(tmp_path: Path) -> None:
    from mcpvet.provenance.repository import assess, declared_repository

    ref, home, src = declared_repository("local", {}, None, {"pyproject": {"project": {"urls": {
        "Homepage": "https://example.org", "Source Code": "https://github.com/acme/weather-mcp"}}}})
    assert ref is not None and ref.url == "https://github.com/acme/weather-mcp" and home == "https://example.org"
    info = assess("weather-mcp", "pypi", ref, home, src)
    assert info.consistent is True and info.name_related is True
    ref, _, src = declared_repository("local", {}, None, {"package_json": {
        "name": "x", "repository": {"type": "git", "url": "https://github.com/acme/tools.git", "directory": "pkgs/x"}}})
    assert ref is not None and ref.directory == "pkgs/x" and src == "package.json repository"
    ref, _, _ = declared_repository("local", {}, None, {"metadata": {
        "Project-URL": ["Repository, https://gitlab.com/acme/weather"]}})
    assert ref is not None and ref.host == "gitlab.com"
    assert declared_repository("local", {}, None, {}) == (None, None, "none declared")
