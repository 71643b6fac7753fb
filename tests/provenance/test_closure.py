"""The install closure: pip's resolver over a local simple index, pip-audit over a fake OSV, paths to
each package, and every way it can fail being an inconclusive check with its reason."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from mcpvet.checks.interface import Facts
from mcpvet.checks.provenance.vulnerabilities import VulnerableDependencies
from mcpvet.discover import discover
from mcpvet.fetch.interface import Fetched
from mcpvet.model import Ecosystem, Severity, Target
from mcpvet.options import InspectOptions
from mcpvet.provenance import Provenance, closure, collect
from mcpvet.provenance.client import JsonClient
from tests.provenance.closure_fakes import (
    B_ADVISORY,
    add_npm_bulk,
    add_npm_packages,
    add_osv_query,
    add_simple_index,
)
from tests.provenance.fakes import NOW
from tests.support.fakehttp import FakeHTTPServer, Response

INDEX = {"a": {"1.0": ["b==2.0"]}, "b": {"2.0": ["c>=1; python_version >= '3'", "d; sys_platform == 'nonexistent'"]},
         "c": {"1.0": [], "1.2": []}, "server-pkg": {"1.0": ["a==1.0"]}}
VULNS = {B_ADVISORY["id"]: B_ADVISORY}


def _server_pkg(root: Path, deps: list[str]) -> Path:
    (root / "server_pkg").mkdir(parents=True)
    (root / "pyproject.toml").write_text(
        '[project]\nname = "server-pkg"\nversion = "1.0"\ndependencies = ' + json.dumps(deps) + "\n")
    (root / "server_pkg" / "__init__.py").write_text(
        "from mcp.server.fastmcp import FastMCP\nmcp = FastMCP('s')\n\n@mcp.tool()\n"
        "def echo(text: str) -> str:\n    \"\"\"Echo the text.\"\"\"\n    return text\n")
    return root


def _opts(tmp_path: Path, index: str, osv: str, **kw: object) -> InspectOptions:
    return InspectOptions(pypi_url=index, npm_url=index, osv_url=osv, cache_dir=tmp_path / "cache",
                          http_timeout_s=5, http_retries=0, **kw)  # type: ignore[arg-type]


def _inspect_local(root: Path, options: InspectOptions) -> tuple[Provenance, object]:
    tree, _ = discover(root, name_hint=root.name)
    fetched = Fetched(Target(str(root), Ecosystem.LOCAL, tree.name, tree.version), directory=root)
    prov = collect(fetched, tree, options, now=NOW)
    out = VulnerableDependencies().run(Facts(target=fetched.target, tree=tree, tools=(), frontends=(),
                                             provenance=prov))
    return prov, out


def test_advisory_two_levels_down_is_reported_with_its_path(tmp_path: Path, fake_http: FakeHTTPServer) -> None:
    add_simple_index(fake_http, INDEX)
    add_osv_query(fake_http, VULNS)
    prov, out = _inspect_local(_server_pkg(tmp_path / "srv", ["a==1.0"]),
                               _opts(tmp_path, fake_http.url, fake_http.url))
    [c] = prov.closures
    assert c.status == "audited", c.reason
    assert {(d.name, d.version, d.path) for d in c.packages} == {
        ("a", "1.0", ("server-pkg", "a")), ("b", "2.0", ("server-pkg", "a", "b")),
        ("c", "1.2", ("server-pkg", "a", "b", "c"))}  # d's marker is false: not installed
    # the finding: b, its advisory and aliases, affected and fixed versions, the path
    [f] = out.findings
    assert f.rule == "vulnerable-dependency" and f.severity == Severity.HIGH and out.score == 0.0
    assert "b 2.0 (server-pkg → a → b)" in f.title and "GHSA-7f2x-9q4r-b2v8" in f.title
    assert "through a" in f.message and "path server-pkg → a → b" in f.message
    assert "CVE-2099-41234" in f.message and "PYSEC-2099-17" in f.message
    assert "affected >=1.5, <2.1" in f.message and "fixed in 2.1" in f.message
    # the provenance data carries the whole closure with paths, b with its advisory
    deps = {d["name"]: d for d in prov.to_json()["dependencies"] if d["version_kind"] == "resolved"}
    assert deps["b"]["path"] == ["server-pkg", "a", "b"] and deps["b"]["direct"] is False
    [adv] = deps["b"]["vulnerabilities"]
    assert (adv["id"], adv["affected"], adv["fixed"]) == ("GHSA-7f2x-9q4r-b2v8", ">=1.5, <2.1", ["2.1"])
    assert deps["a"]["vulnerabilities"] == [] and deps["a"]["direct"] is True
    summary = prov.to_json()["dependency_closure"][0]
    assert summary["status"] == "audited" and summary["vulnerable"] == ["b"]
    assert set(summary["seconds"]) == {"probe", "resolve", "audit"}
    # pip-audit asked OSV's single-query endpoint for every package (our probe asked once more)
    assert sum(1 for m, p in fake_http.requests if (m, p) == ("POST", "/v1/query")) == 4
    assert not [e for e in prov.errors if "closure" in e.message]


def test_requirement_on_the_server_itself_roots_the_paths_at_it(tmp_path: Path, fake_http: FakeHTTPServer) -> None:
    """`pip install server-pkg==1.0`, the published server itself: the paths start at it, once."""
    add_simple_index(fake_http, INDEX)
    add_osv_query(fake_http, {})
    fetched = Fetched(Target("pypi:server-pkg==1.0", Ecosystem.PYPI, "server-pkg", "1.0"))
    with _client() as client:
        [c] = closure.audit_closures(["server-pkg==1.0"], None, fetched.target.name,
                                     _opts(tmp_path, fake_http.url, fake_http.url), client)
    assert c.status == "audited", c.reason
    assert {d.name: d.path for d in c.packages}["c"] == ("server-pkg", "a", "b", "c")
    assert "server-pkg" not in {d.name for d in c.packages}  # the server's own advisories are queried apart
    assert all(d.vulnerabilities == () for d in c.packages)


class _client:
    def __enter__(self) -> JsonClient:
        self.c = JsonClient(None, timeout_s=5)
        return self.c

    def __exit__(self, *exc: object) -> None:
        self.c.close()


def _closure_only(tmp_path: Path, index: str, osv: str, reqs: list[str] = ["a==1.0"],  # noqa: B006
                  **kw: object) -> closure.ClosureAudit:
    with _client() as client:
        [c] = closure.audit_closures(reqs, None, "server-pkg", _opts(tmp_path, index, osv, **kw), client)
    return c


def test_resolver_failure_is_inconclusive_with_pips_reason(tmp_path: Path, fake_http: FakeHTTPServer) -> None:
    add_simple_index(fake_http, {"a": {"1.0": ["b==2.0"]}})  # b is not on the index
    add_osv_query(fake_http, VULNS)
    prov, out = _inspect_local(_server_pkg(tmp_path / "srv", ["a==1.0"]),
                               _opts(tmp_path, fake_http.url, fake_http.url))
    [c] = prov.closures
    assert c.status == "inconclusive" and c.packages == ()
    assert "pip could not resolve" in c.reason and "b==2.0" in c.reason
    assert out.score is None and out.findings == () and "install closure was not audited" in out.reason
    assert any("install closure of server-pkg was not audited" in e.message for e in prov.errors)
    assert fake_http.requests.count(("POST", "/v1/query")) == 1  # our probe; pip-audit never ran


def test_sdist_only_dependency_is_not_built(tmp_path: Path, fake_http: FakeHTTPServer) -> None:
    """Wheels only: a dependency published as an sdist is never built (its setup.py never runs)."""
    fake_http.add("/simple/a/", '<a href="/files/a-1.0.tar.gz">a-1.0.tar.gz</a>', content_type="text/html")
    fake_http.add("/files/a-1.0.tar.gz", b"not even a tarball")
    add_osv_query(fake_http, VULNS)
    c = _closure_only(tmp_path, fake_http.url, fake_http.url)
    assert c.status == "inconclusive" and "wheels only" in c.reason
    assert ("GET", "/files/a-1.0.tar.gz") not in fake_http.requests


def test_unreachable_osv_is_inconclusive_never_clean(tmp_path: Path, fake_http: FakeHTTPServer) -> None:
    add_simple_index(fake_http, INDEX)
    c = _closure_only(tmp_path, fake_http.url, "http://127.0.0.1:9")  # nothing listens on port 9
    assert c.status == "inconclusive" and "connection refused" in c.reason and "OSV" in c.reason
    assert c.packages == () and fake_http.requests == []  # OSV is asked first: nothing resolved for nothing


@pytest.mark.parametrize("answer", [b"[]", b"null", b"", b"<html>ok</html>"])
def test_osv_answering_no_data_is_never_clean(tmp_path: Path, fake_http: FakeHTTPServer, answer: bytes) -> None:
    """pip-audit reads an empty or falsy answer as "No known vulnerabilities found": we do not."""
    add_simple_index(fake_http, INDEX)
    fake_http.add("/v1/query", Response(answer, 200, {"Content-Type": "application/json"}), method="POST")
    c = _closure_only(tmp_path, fake_http.url, fake_http.url)
    assert c.status == "inconclusive" and "OSV" in c.reason, c.reason
    assert c.packages == () and c.errors and "not audited" in c.errors[0].message


def test_mistyped_osv_records_make_pip_audit_fail_inconclusively(tmp_path: Path, fake_http: FakeHTTPServer) -> None:
    add_simple_index(fake_http, INDEX)
    add_osv_query(fake_http, VULNS, hostile_for="b")  # the probe asks about "a" and is answered well
    c = _closure_only(tmp_path, fake_http.url, fake_http.url)
    assert c.status == "inconclusive" and c.reason.startswith("pip-audit failed"), c.reason
    assert "Traceback" not in c.reason and len(c.reason) < 500
    assert {d.name for d in c.packages} == {"a", "b", "c"}  # resolved, but unknown: never clean
    assert all(d.vulnerabilities is None for d in c.packages)


def test_offline_resolves_nothing_and_says_why(tmp_path: Path, fake_http: FakeHTTPServer) -> None:
    add_simple_index(fake_http, INDEX)
    prov, out = _inspect_local(_server_pkg(tmp_path / "srv", ["a==1.0"]),
                               _opts(tmp_path, fake_http.url, fake_http.url, offline=True))
    assert fake_http.requests == []
    [c] = prov.closures
    assert c.status == "inconclusive" and "offline" in c.reason
    assert out.score is None and "offline" in out.reason


def test_missing_pip_audit_and_slow_index_are_inconclusive(tmp_path: Path, fake_http: FakeHTTPServer,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    add_simple_index(fake_http, INDEX)
    add_osv_query(fake_http, VULNS)
    real = closure.importlib.util.find_spec
    monkeypatch.setattr(closure.importlib.util, "find_spec", lambda n, *a: None if n == "pip_audit" else real(n, *a))
    c = _closure_only(tmp_path, fake_http.url, fake_http.url)
    assert c.status == "inconclusive" and "pip-audit is not installed" in c.reason
    monkeypatch.undo()

    fake_http.add("/simple/a/", Response(b"", 200, {"Content-Type": "text/html"}, delay_s=4.0))
    monkeypatch.setattr(closure, "RESOLVE_TIMEOUT_S", 1.0)
    t0 = time.monotonic()
    c = _closure_only(tmp_path, fake_http.url, fake_http.url)
    assert time.monotonic() - t0 < 3.5
    assert c.status == "inconclusive" and "did not finish within 1 s" in c.reason


def test_requirements_cannot_smuggle_resolver_options() -> None:
    reqs = closure._checked_requirements(["a==1.0", "--index-url=http://evil/simple", "-e .", "x @ file:///etc",
                                          "b[x]>=1; python_version>'3'", "c ; extra == 'dev'"])
    assert reqs == ["a==1.0", 'b[x]>=1; python_version > "3"', 'c; extra == "dev"']


def test_graph_follows_extras_and_markers() -> None:
    report = {"environment": {"python_version": "3.11", "sys_platform": "linux"}, "install": [
        {"requested": True, "requested_extras": ["cli"], "metadata": {
            "name": "Top_Level", "version": "1", "requires_dist": ["typer; extra == 'cli'", "rich"]}},
        {"metadata": {"name": "typer", "version": "2", "requires_dist": ["click[x]"]}},
        {"metadata": {"name": "click", "version": "3", "requires_dist": ["colorama; extra == 'x'",
                                                                         "winonly; sys_platform == 'win32'"]}},
        {"metadata": {"name": "colorama", "version": "4"}},
        {"metadata": {"name": "rich", "version": "5", "requires_dist": ["not a requirement !!"]}},
        {"metadata": {"name": "orphan", "version": "6"}},
    ]}
    g = closure._python_graph(report, "srv")
    assert g["top-level"] == ("1", ("srv", "top-level"))
    assert g["colorama"][1] == ("srv", "top-level", "typer", "click", "colorama")
    assert g["rich"][1] == ("srv", "top-level", "rich")
    assert g["orphan"][1] == ("srv", "?", "orphan")


def test_npm_lock_tree_paths_follow_node_resolution() -> None:
    lock = {"packages": {
        "": {"name": "x", "dependencies": {"a": "^1.0.0", "c": "^2"}},
        "node_modules/a": {"version": "1.0.0", "dependencies": {"b": "^2.0.0"}},
        "node_modules/a/node_modules/b": {"version": "2.0.0", "dependencies": {"c": "^1"}},
        "node_modules/a/node_modules/c": {"version": "1.0.0"},
        "node_modules/c": {"version": "2.0.0"},
        "node_modules/b": {"version": "9.9.9"},  # hoisted elsewhere, reached by nothing
        "node_modules/tool": {"version": "1.0.0", "dev": True},
    }}
    g = closure._npm_graph(lock, "srv")
    assert g[("b", "2.0.0")] == ("srv", "a", "b")
    assert g[("c", "1.0.0")] == ("srv", "a", "b", "c")  # b's c is a's nested copy, not the root's
    assert g[("c", "2.0.0")] == ("srv", "c")
    assert g[("b", "9.9.9")] == ("srv", "?", "b")
    assert ("tool", "1.0.0") not in g


def test_npm_lock_tree_is_audited_per_version_with_paths(tmp_path: Path, fake_http: FakeHTTPServer) -> None:
    """npm resolves the lock tree (packuments only, scripts off); two copies of b at two versions are
    audited apart, and only the affected one is reported, with the path that pulls it in."""
    add_npm_packages(fake_http, "/npm", {"a": {"1.0.0": {"b": "^2.0.0"}}, "b": {"1.0.0": {}, "2.0.0": {}},
                                         "c": {"1.0.0": {"b": "1.0.0"}}})
    add_npm_bulk(fake_http, "/npm", {"b": [{
        "id": 1101234, "url": "https://github.com/advisories/GHSA-4x5v-gmq8-25ch", "title": "b prototype pollution",
        "severity": "high", "vulnerable_versions": "<2.0.0"}]})
    root = tmp_path / "js"
    root.mkdir()
    (root / "package.json").write_text(json.dumps({
        "name": "js-server", "version": "1.0.0", "scripts": {"postinstall": "touch " + str(tmp_path / "ran")},
        "dependencies": {"a": "^1.0.0", "c": "1.0.0", "local": "file:../elsewhere"}}))
    (root / "index.js").write_text("module.exports = {};\n")
    prov, out = _inspect_local(root, _opts(tmp_path, fake_http.url + "/npm", "http://127.0.0.1:9"))
    [c] = [c for c in prov.closures if c.ecosystem == "npm"]
    assert c.status == "audited", c.reason
    assert {(d.name, d.version, d.path) for d in c.packages} == {
        ("a", "1.0.0", ("js-server", "a")), ("b", "2.0.0", ("js-server", "a", "b")),
        ("b", "1.0.0", ("js-server", "c", "b")), ("c", "1.0.0", ("js-server", "c"))}
    assert "local is not a registry version range and was not resolved" in c.notes
    [f] = [f for f in out.findings if "js-server → c → b" in f.title]
    assert "b 1.0.0" in f.title and "GHSA-4x5v-gmq8-25ch" in f.title and "fixed in 2.0.0" in f.message
    assert not [f for f in out.findings if "b 2.0.0" in f.title]
    assert not (tmp_path / "ran").exists()
    assert not [p for m, p in fake_http.requests if p.endswith(".tgz")]  # no tarball was fetched


def test_check_scores_from_the_closure_and_never_passes_without_it() -> None:
    from mcpvet.provenance.dependencies import Advisory, Dependency

    adv = Advisory("GHSA-7f2x-9q4r-b2v8", ("CVE-2099-41234",), "bad", "high", ">=1.5, <2.1", ("2.1",))
    unbounded = Dependency("zod", "*", "npm", "package.json dependencies", None, "unbounded",
                           note="no lower bound: the advisory service needs a version; not checked")
    zod = Dependency("zod", "3.25.76", "npm", closure.NPM_SOURCE, "3.25.76", "resolved", vulnerabilities=(),
                     path=("srv", "zod"))

    def run(deps: tuple[Dependency, ...], closures: tuple[closure.ClosureAudit, ...]) -> object:
        prov = Provenance(None, None, {}, (), (), deps=deps, closures=closures)
        return VulnerableDependencies().run(Facts(target=Target("x", Ecosystem.LOCAL, "srv"), tree=None, tools=(),
                                                  frontends=(), provenance=prov))

    ok = closure.ClosureAudit("npm", "srv", "audited", "1 package", (zod,))
    out = run((unbounded, zod), (ok,))
    assert out.score == 10.0, out.reason  # the unbounded range is covered by the audited resolved version
    failed = closure.ClosureAudit("npm", "srv", "inconclusive", "npm could not resolve the dependencies: E404")
    out = run((unbounded,), (failed,))
    assert out.score is None and "E404" in out.reason and "not checked" in out.reason
    b = Dependency("b", "==2.0", "pypi", closure.PIP_SOURCE, "2.0", "resolved", vulnerabilities=(adv,),
                   path=("srv", "a", "b"))
    out = run((b,), (closure.ClosureAudit("pypi", "srv", "audited", "3 packages", (b,)), failed))
    assert out.score == 0.0 and "install closure was not audited" in out.reason  # found, and says what is missing
