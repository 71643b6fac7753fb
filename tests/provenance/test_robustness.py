"""collect never raises on malformed registry documents, manifests or service answers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mcpvet.checks.interface import Facts
from mcpvet.checks.provenance import CHECKS
from mcpvet.model import Ecosystem, SourceTree
from mcpvet.options import InspectOptions
from mcpvet.provenance import collect
from tests.provenance.fakes import NOW, fetched_for
from tests.support.fakehttp import FakeHTTPServer

GARBAGE: list[Any] = [
    {"info": None, "releases": None},
    {"info": {"project_urls": ["x"], "home_page": 3}, "releases": {"1.0": "nope", "2.0": [None, 5]}},
    {"versions": {"1.0.0": "str"}, "time": [], "repository": 7},
    {"versions": {"1.0.0": {"dist": None, "maintainers": "alice", "_npmUser": 3, "repository": {"url": None}}},
     "time": {"1.0.0": 12}},
    {"versions": [], "time": None, "info": []},
]

MANIFESTS: list[dict[str, Any]] = [
    {"pyproject": {"project": ["not", "a", "table"], "tool": {"poetry": "x"}}},
    {"pyproject": {"project": {"dependencies": ["mcp==", "ok>=1", 5], "urls": "x"}}},
    {"metadata": {"Requires-Dist": "mcp==1.0", "Project-URL": "x", "Home-page": []}},
    {"package_json": {"name": "x", "dependencies": ["a"], "repository": ["x"]}, "package_lock": {"packages": []}},
    {"package_json": {"name": "x", "dependencies": {"a": 5, "b": None, "c": "github:o/r"}}},
]


@pytest.mark.parametrize("raw", GARBAGE)
@pytest.mark.parametrize("eco", ["pypi", "npm"])
def test_garbage_registry_documents(raw: Any, eco: str, tmp_path: Path, fake_http: FakeHTTPServer) -> None:
    fake_http.add_json("/v1/querybatch", {"results": "nope"})
    fake_http.add_json("/-/npm/v1/security/advisories/bulk", ["nope"])
    opts = InspectOptions(pypi_url=fake_http.url, npm_url=fake_http.url, osv_url=fake_http.url,
                          cache_dir=tmp_path / "c", http_timeout_s=5, http_retries=0)
    fetched = fetched_for(eco, "x-mcp", "1.0.0", raw, artifact="x.whl", sha256="0" * 64)
    prov = collect(fetched, None, opts, now=NOW)
    facts = Facts(target=fetched.target, tree=None, tools=(), frontends=(), provenance=prov)
    for check in CHECKS:
        out = check.run(facts)
        assert out.score is None or 0 <= out.score <= 10
    assert isinstance(prov.to_json(), dict)


@pytest.mark.parametrize("manifest", MANIFESTS)
def test_garbage_manifests(manifest: dict[str, Any], tmp_path: Path, fake_http: FakeHTTPServer) -> None:
    fake_http.add_json("/v1/querybatch", {"results": [None, "x", {"vulns": "y"}]})
    opts = InspectOptions(pypi_url=fake_http.url, npm_url=fake_http.url, osv_url=fake_http.url,
                          cache_dir=tmp_path / "c", http_timeout_s=5, http_retries=0)
    tree = SourceTree(root=tmp_path, files=(), name="x", version=None, languages=(), manifest=manifest)
    fetched = fetched_for("local", "x", None, None)  # type: ignore[arg-type]
    prov = collect(fetched, tree, opts, now=NOW)
    facts = Facts(target=fetched.target, tree=tree, tools=(), frontends=(), provenance=prov)
    for check in CHECKS:
        check.run(facts)
    assert prov.ecosystem == Ecosystem.LOCAL.value
