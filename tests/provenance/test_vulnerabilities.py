"""Dependencies and their known vulnerabilities: OSV (PyPI), npm bulk advisories, unreachable services."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mcpvet import api
from mcpvet.checks.interface import Facts
from mcpvet.checks.provenance.vulnerabilities import VulnerableDependencies
from mcpvet.discover import discover
from mcpvet.fetch.interface import Fetched
from mcpvet.model import Ecosystem, Severity, Target
from mcpvet.options import InspectOptions
from mcpvet.provenance import collect
from mcpvet.provenance.dependencies import npm_lower_bound
from mcpvet.render.json import validation_errors
from tests.provenance.fakes import NOW, add_npm_advisories, add_osv
from tests.support.fakehttp import FakeHTTPServer, Response


@pytest.fixture(autouse=True)
def _declared_scan_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests are about the declared dependencies; the install closure (pip, npm, pip-audit
    subprocesses) is tested in test_closure.py, so here it resolves to nothing."""
    monkeypatch.setattr("mcpvet.provenance.audit_closures", lambda *a, **k: ())


def _py_pkg(root: Path, deps: list[str]) -> Path:
    (root / "src" / "srv").mkdir(parents=True)
    (root / "pyproject.toml").write_text(
        '[project]\nname = "weather-mcp"\nversion = "0.3.0"\ndependencies = ' + json.dumps(deps) + "\n")
    (root / "src" / "srv" / "__init__.py").write_text("")
    (root / "src" / "srv" / "server.py").write_text(
        "from mcp.server.fastmcp import FastMCP\nmcp = FastMCP('w')\n\n@mcp.tool()\n"
        "def forecast(city: str) -> str:\n    \"\"\"Forecast for a city.\"\"\"\n    return city\n")
    return root


def _js_pkg(root: Path, deps: dict[str, str], lock: dict[str, str] | None = None) -> Path:
    root.mkdir(parents=True)
    (root / "package.json").write_text(json.dumps({"name": "weather-mcp", "version": "1.0.0", "dependencies": deps,
                                                   "devDependencies": {"typescript": "5.0.0"}}))
    (root / "index.js").write_text("module.exports = {};\n")
    if lock is not None:
        pk = {"": {"name": "weather-mcp"}} | {f"node_modules/{n}": {"version": v} for n, v in lock.items()}
        (root / "package-lock.json").write_text(json.dumps({"lockfileVersion": 3, "packages": pk}))
    return root


def _local(root: Path, ecosystem: Ecosystem = Ecosystem.LOCAL) -> tuple[Fetched, object]:
    tree, _ = discover(root, name_hint=root.name)
    return Fetched(Target(str(root), ecosystem, tree.name, tree.version), directory=root), tree


def _run(fetched: Fetched, tree: object, options: InspectOptions):
    prov = collect(fetched, tree, options, now=NOW)  # type: ignore[arg-type]
    facts = Facts(target=fetched.target, tree=tree, tools=(), frontends=(), provenance=prov)  # type: ignore[arg-type]
    return prov, VulnerableDependencies().run(facts)


def _opts(tmp_path: Path, server: FakeHTTPServer | None, **kw: object) -> InspectOptions:
    base = server.url if server else "http://127.0.0.1:9"  # port 9 (discard): nothing listens
    return InspectOptions(osv_url=base, npm_url=base, pypi_url=base, cache_dir=tmp_path / "cache",
                          http_timeout_s=5, http_retries=0, **kw)  # type: ignore[arg-type]


def test_pinned_vulnerable_mcp_is_reported_with_real_advisories(tmp_path: Path, fake_http: FakeHTTPServer) -> None:
    add_osv(fake_http)
    prov, out = _run(*_local(_py_pkg(tmp_path / "p", ["mcp==1.9.0", "httpx>=0.27"])), _opts(tmp_path, fake_http))
    assert out.score == 0.0
    [f] = out.findings
    assert f.rule == "vulnerable-dependency" and f.severity == Severity.HIGH
    assert "GHSA-3qhf-m339-9g5v" in f.title and "GHSA-j975-95f5-7wqh" in f.title
    assert "CVE-2025-53366" in f.message and "fixed in 1.9.4" in f.message and "affected <1.10.0" in f.message
    assert "MCP SDK" in f.title
    mcp = next(d for d in prov.to_json()["dependencies"] if d["name"] == "mcp")
    assert mcp["version"] == "1.9.0" and mcp["version_kind"] == "exact" and mcp["sdk"] is True
    assert [v["id"] for v in mcp["vulnerabilities"]] == ["GHSA-3qhf-m339-9g5v", "GHSA-j975-95f5-7wqh"]
    httpx = next(d for d in prov.to_json()["dependencies"] if d["name"] == "httpx")
    assert httpx["vulnerabilities"] == []  # checked, none known: not null
    assert prov.errors == ()


def test_fixed_pin_is_clean_and_conclusive(tmp_path: Path, fake_http: FakeHTTPServer) -> None:
    add_osv(fake_http)
    _, out = _run(*_local(_py_pkg(tmp_path / "p", ["mcp==1.10.0"])), _opts(tmp_path, fake_http))
    assert out.findings == () and out.score == 10.0


def test_range_admitting_vulnerable_versions_is_medium(tmp_path: Path, fake_http: FakeHTTPServer) -> None:
    add_osv(fake_http)
    prov, out = _run(*_local(_py_pkg(tmp_path / "p", ["mcp[cli]>=1.2"])), _opts(tmp_path, fake_http))
    [f] = out.findings
    assert f.severity == Severity.MEDIUM and "lowest admitted version 1.2" in f.message
    assert out.score == 4.0
    # only the lower bound was sent: what OSV was asked is what we report
    assert prov.deps[0].version == "1.2" and prov.deps[0].version_kind == "lower-bound"


def test_unreachable_osv_is_inconclusive_never_clean(tmp_path: Path) -> None:
    prov, out = _run(*_local(_py_pkg(tmp_path / "p", ["mcp==1.9.0"])), _opts(tmp_path, None))
    assert out.score is None and out.findings == ()
    assert "inconclusive" in out.reason
    assert prov.deps[0].vulnerabilities is None
    assert any("OSV" in e.message and e.stage == "provenance" for e in prov.errors)


def test_osv_server_error_is_inconclusive(tmp_path: Path, fake_http: FakeHTTPServer) -> None:
    fake_http.add("/v1/querybatch", Response(b"oops", 503))
    prov, out = _run(*_local(_py_pkg(tmp_path / "p", ["mcp==1.9.0"])), _opts(tmp_path, fake_http))
    assert out.score is None and any("HTTP 503" in e.message for e in prov.errors)


def test_scorecard_carries_the_finding_and_the_inconclusive_check(tmp_path: Path, fake_http: FakeHTTPServer,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import mcpvet.fetch

    def local_fetch(spec: str, options: InspectOptions, scratch: Path) -> Fetched:
        path = Path(spec).resolve()
        return Fetched(Target(spec, Ecosystem.LOCAL, path.name), directory=path)

    monkeypatch.setattr(mcpvet.fetch, "fetch_target", local_fetch, raising=False)
    root = _py_pkg(tmp_path / "p", ["mcp==1.9.0"])
    add_osv(fake_http)
    doc = api.inspect(str(root), _opts(tmp_path, fake_http)).to_json()
    assert validation_errors(doc) == []
    vuln = [f for f in doc["findings"] if f["rule"] == "vulnerable-dependency"]
    assert vuln and "GHSA-3qhf-m339-9g5v" in vuln[0]["title"] and vuln[0]["tool"] is None
    check = next(c for c in doc["score"]["checks"] if c["id"] == "vulnerable-dependencies")
    assert check["score"] == 0

    down = api.inspect(str(root), _opts(tmp_path / "other", None)).to_json()
    assert validation_errors(down) == []
    check = next(c for c in down["score"]["checks"] if c["id"] == "vulnerable-dependencies")
    assert check["score"] is None and check["reason"].startswith("inconclusive")
    assert any(e["stage"] == "provenance" and "OSV" in e["message"] for e in down["errors"])
    assert not [f for f in down["findings"] if f["rule"] == "vulnerable-dependency"]
    mcp = next(d for d in down["provenance"]["dependencies"] if d["name"] == "mcp")
    assert mcp["vulnerabilities"] is None


def test_answers_are_cached(tmp_path: Path, fake_http: FakeHTTPServer) -> None:
    add_osv(fake_http)
    fetched, tree = _local(_py_pkg(tmp_path / "p", ["mcp==1.9.0"]))
    opts = _opts(tmp_path, fake_http)
    _run(fetched, tree, opts)
    n = len(fake_http.requests)
    _, out = _run(fetched, tree, opts)
    assert len(fake_http.requests) == n and out.score == 0.0
    # offline: the cache still answers
    _, out = _run(fetched, tree, _opts(tmp_path, fake_http, offline=True))
    assert out.score == 0.0 and len(fake_http.requests) == n


def test_npm_sdk_from_lock_file(tmp_path: Path, fake_http: FakeHTTPServer) -> None:
    add_npm_advisories(fake_http)
    root = _js_pkg(tmp_path / "j", {"@modelcontextprotocol/sdk": "^1.10.0", "zod": "^3.23.0"},
                   lock={"@modelcontextprotocol/sdk": "1.17.5", "zod": "3.25.76"})
    prov, out = _run(*_local(root), _opts(tmp_path, fake_http))
    [f] = out.findings
    assert "GHSA-w48q-cv73-mx4w" in f.title and f.severity == Severity.HIGH and "from the lock file" in f.message
    assert "fixed in 1.24.0" in f.message
    names = [d.name for d in prov.deps]
    assert names == ["@modelcontextprotocol/sdk", "zod"]  # devDependencies do not install for users


def test_npm_fixed_range_is_clean_and_unreachable_is_inconclusive(tmp_path: Path, fake_http: FakeHTTPServer) -> None:
    add_npm_advisories(fake_http)
    root = _js_pkg(tmp_path / "j", {"@modelcontextprotocol/sdk": "^1.24.0"})
    _, out = _run(*_local(root), _opts(tmp_path, fake_http))
    assert out.score == 10.0 and out.findings == ()
    prov, out = _run(*_local(root), _opts(tmp_path / "x", None))
    assert out.score is None and any("npm advisory" in e.message for e in prov.errors)


def test_no_dependencies_is_a_pass(tmp_path: Path) -> None:
    root = tmp_path / "p"
    root.mkdir()
    (root / "pyproject.toml").write_text('[project]\nname = "x-mcp"\nversion = "1"\ndependencies = []\n')
    _, out = _run(*_local(root), _opts(tmp_path, None))
    assert out.score == 10.0


def test_setup_py_literal_is_read_without_running_it(tmp_path: Path, fake_http: FakeHTTPServer) -> None:
    add_osv(fake_http)
    root = tmp_path / "s"
    root.mkdir()
    marker = tmp_path / "ran"
    (root / "setup.py").write_text(
        f"import pathlib\npathlib.Path({str(marker)!r}).write_text('x')\nfrom setuptools import setup\n"
        "REQS = ['mcp==1.9.0', 'pydantic>=2']\nsetup(name='s-mcp', install_requires=REQS)\n")
    prov, out = _run(*_local(root), _opts(tmp_path, fake_http))
    assert not marker.exists()
    assert [d.name for d in prov.deps] == ["mcp", "pydantic"] and out.score == 0.0


@pytest.mark.parametrize("spec,expected", [
    ("^1.2.3", ("1.2.3", "lower-bound")), ("~1.2.0", ("1.2.0", "lower-bound")), (">=1.5.0 <2", ("1.5.0", "lower-bound")),
    ("1.2.3", ("1.2.3", "exact")), ("=1.2.3", ("1.2.3", "exact")), ("1.x", ("1.0.0", "lower-bound")),
    ("^2.0.0 || ^1.4.0", ("1.4.0", "lower-bound")), ("*", (None, "unbounded")), ("", (None, "unbounded")),
    ("<2.0.0", (None, "unbounded")), (">= 1.2.0 < 2", ("1.2.0", "lower-bound")),
    (">=1.2.0 >=1.5.0", ("1.5.0", "lower-bound")), ("github:o/r", (None, "unsupported")), (
        "1.0.0 - 2.0.0", ("1.0.0", "lower-bound")),
])
def test_npm_lower_bound(spec: str, expected: tuple[str | None, str]) -> None:
    assert npm_lower_bound(spec) == expected


def test_hybrid_package_lists_both_ecosystems(tmp_path: Path, fake_http: FakeHTTPServer) -> None:
    add_osv(fake_http)
    add_npm_advisories(fake_http)
    root = _js_pkg(tmp_path / "h", {"@modelcontextprotocol/sdk": "1.20.0"})
    (root / "pyproject.toml").write_text('[project]\nname = "h"\nversion = "1"\ndependencies = ["mcp==1.9.4"]\n')
    prov, out = _run(*_local(root), _opts(tmp_path, fake_http))
    assert [(d.ecosystem, d.name) for d in prov.deps] == [("npm", "@modelcontextprotocol/sdk"), ("pypi", "mcp")]
    # mcp 1.9.4 is fixed for GHSA-3qhf but not for GHSA-j975 (fixed in 1.10.0)
    titles = sorted(f.title for f in out.findings)
    assert len(titles) == 2 and "GHSA-w48q-cv73-mx4w" in titles[0] and "GHSA-j975-95f5-7wqh" in titles[1]
    assert "GHSA-3qhf" not in titles[1]


def test_the_inspected_release_itself_is_checked(tmp_path: Path, fake_http: FakeHTTPServer) -> None:
    from tests.provenance.fakes import days, fetched_for, pypi_project

    add_osv(fake_http)
    proj = pypi_project("mcp", [("1.8.0", NOW - days(300)), ("1.9.0", NOW - days(200))])
    fetched = fetched_for("pypi", "mcp", "1.9.0", proj)
    prov, out = _run(fetched, None, _opts(tmp_path, fake_http))
    rules = [f.rule for f in out.findings]
    assert rules == ["vulnerable-package"] and out.score == 0.0
    assert "GHSA-3qhf-m339-9g5v" in out.findings[0].title
    assert [a["id"] for a in prov.extra["package_vulnerabilities"]] == ["GHSA-3qhf-m339-9g5v", "GHSA-j975-95f5-7wqh"]
    assert prov.to_json()["dependencies"] == []  # the package is not its own dependency

    fixed = fetched_for("pypi", "mcp", "1.10.0", pypi_project("mcp", [("1.10.0", NOW - days(100))]))
    _, out = _run(fixed, None, _opts(tmp_path, fake_http))
    assert out.findings == () and out.score is None  # no tree: the dependencies are unknown

    _, out = _run(fetched, None, _opts(tmp_path / "down", None))
    assert out.score is None and out.findings == ()
