"""Typosquatting: look-alikes of popular and official MCP package names, never the genuine names."""

from __future__ import annotations

from pathlib import Path

import pytest

from mcpvet.provenance.names import check_name, distance, popular_names
from tests.conftest import CORPUS_CASES, FIXTURES


@pytest.mark.parametrize("name,eco,looks_like", [
    ("mcp-server-fetchh", "pypi", "mcp-server-fetch"),
    ("mcp-sevrer-time", "pypi", "mcp-server-time"),
    ("fastmpc", "pypi", "fastmcp"),
    ("mcp_server_gît", "pypi", "mcp-server-git"),
    ("@modelcontextprotocoI/server-filesystem", "npm", "@modelcontextprotocol/"),  # capital I for l
    ("@modelcontextprotoco1/server-memory", "npm", "@modelcontextprotocol/"),
    ("@model-context-protocol/sdk", "npm", "@modelcontextprotocol/"),
    ("modelcontextprotocol-server-memory", "npm", "@modelcontextprotocol/server-memory"),
    ("@modelcontextprotocol-sdk/server-memory", "npm", "@modelcontextprotocol/"),
    ("fastrncp", "pypi", "fastmcp"),  # rn for m
    ("mcp-server-f3tch", "pypi", "mcp-server-fetch"),
    ("upstash-context7-mcp", "npm", "@upstash/context7-mcp"),
    ("chrome-devtools-mcp", "pypi", None),  # another ecosystem's name is not compared
])
def test_look_alikes_are_reported(name: str, eco: str, looks_like: str | None) -> None:
    matches = check_name(name, eco)
    if looks_like is None:
        assert matches == ()
    else:  # the full popular name, or its scope when only the scope is imitated
        assert any(m.looks_like.startswith(looks_like) for m in matches), matches


def test_every_genuine_name_is_clean() -> None:
    for eco, names in popular_names().items():
        for n in names:
            assert check_name(n, eco) == (), n
    assert check_name("MCP_Server_Time", "pypi") == ()  # PyPI folds case and separators


@pytest.mark.parametrize("name,eco", [
    ("weather-mcp", "pypi"), ("quickcalc-mcp", "pypi"), ("mcp-server-kubernetes", "npm"),
    ("@acme/weather-server", "npm"), ("mcpx", "pypi"), ("@modelcontextprotocol/server-new-thing", "npm"),
    # inside an official scope only its owners can publish: a sibling, not a squat
    ("@modelcontextprotocol/server-filesytem", "npm"),
    # the differing word is a short word of its own, not a slip
    ("csv-mcp-server", "pypi"), ("awslabs-ec2-mcp-server", "pypi"), ("aa-mcp", "pypi"), ("@mcp-use/cli", "npm"),
])
def test_unrelated_names_are_clean(name: str, eco: str) -> None:
    assert check_name(name, eco) == ()


def test_sample_package_names_are_clean() -> None:
    """The names of our own sample servers (corpus and fixtures) are not taken for look-alikes."""
    import json
    import tomllib

    seen = 0
    for case in sorted(CORPUS_CASES.iterdir()) + sorted(FIXTURES.iterdir()):
        if (case / "package.json").is_file():
            name = json.loads((case / "package.json").read_text())["name"]
            assert check_name(name, "npm") == (), name
            seen += 1
        elif (case / "pyproject.toml").is_file():
            name = tomllib.loads((case / "pyproject.toml").read_text()).get("project", {}).get("name")
            if name:
                assert check_name(name, "pypi") == (), name
                seen += 1
    assert seen >= 20


def test_distance() -> None:
    assert distance("kitten", "sitting") == 3
    assert distance("abcd", "abdc") == 1  # transposition
    assert distance("a" * 10, "b" * 10, cap=2) == 3  # stops early above the cap


def test_look_alike_dependency_is_reported(tmp_path: Path) -> None:
    from mcpvet.checks.interface import Facts
    from mcpvet.checks.provenance.names import NameConfusion
    from mcpvet.discover import discover
    from mcpvet.fetch.interface import Fetched
    from mcpvet.model import Ecosystem, Target
    from mcpvet.options import InspectOptions
    from mcpvet.provenance import collect
    from tests.provenance.fakes import NOW

    root = tmp_path / "p"
    root.mkdir()
    (root / "pyproject.toml").write_text('[project]\nname = "weather-mcp"\nversion = "1"\n'
                                         'dependencies = ["fastmpc>=2", "mcp>=1.10", "httpx"]\n')
    tree, _ = discover(root, name_hint="p")
    fetched = Fetched(Target(str(root), Ecosystem.LOCAL, tree.name), directory=root)
    prov = collect(fetched, tree, InspectOptions(osv_url="http://127.0.0.1:9", cache_dir=tmp_path / "c", http_retries=0),
                   now=NOW)
    out = NameConfusion().run(Facts(target=fetched.target, tree=tree, tools=(), frontends=(), provenance=prov))
    assert [f.title for f in out.findings] == ["Dependency 'fastmpc' imitates 'fastmcp'"] and out.score == 0.0
