"""Registry history: new packages, maintainer changes, dormant packages taken over, yanked versions."""

from __future__ import annotations

from pathlib import Path

from mcpvet.checks.interface import Facts
from mcpvet.checks.provenance.maintainers import MaintainerContinuity
from mcpvet.checks.provenance.registry_history import RegistryHistory
from mcpvet.options import InspectOptions
from mcpvet.provenance import collect
from tests.provenance.fakes import NOW, days, fetched_for, npm_packument, pypi_project
from tests.support.fakehttp import FakeHTTPServer


def _opts(tmp_path: Path, base: str = "http://127.0.0.1:9") -> InspectOptions:
    return InspectOptions(pypi_url=base, npm_url=base, osv_url=base, cache_dir=tmp_path / "c", http_timeout_s=5,
                          http_retries=0)


def _checks(fetched, opts):  # type: ignore[no-untyped-def]
    prov = collect(fetched, None, opts, now=NOW)
    facts = Facts(target=fetched.target, tree=None, tools=(), frontends=(), provenance=prov)
    return prov, RegistryHistory().run(facts), MaintainerContinuity().run(facts)


def test_npm_stable_maintainers_pass(tmp_path: Path) -> None:
    pk = npm_packument("weather-mcp", [
        ("1.0.0", NOW - days(400), "alice", ["alice", "bob"]),
        ("1.1.0", NOW - days(200), "bob", ["alice", "bob"]),
        ("1.2.0", NOW - days(20), "alice", ["alice", "bob"]),
    ])
    prov, hist, maint = _checks(fetched_for("npm", "weather-mcp", "1.2.0", pk), _opts(tmp_path))
    assert hist.score == 10.0 and hist.findings == ()
    assert maint.score == 10.0 and maint.findings == ()
    reg = prov.to_json()["registry"]["history"]
    assert reg["release_count"] == 3 and reg["previous_version"] == "1.1.0" and reg["age_days"] == 400


def test_npm_maintainer_change(tmp_path: Path) -> None:
    pk = npm_packument("weather-mcp", [
        ("1.0.0", NOW - days(300), "alice", ["alice"]),
        ("1.1.0", NOW - days(100), "alice", ["alice"]),
        ("1.2.0", NOW - days(10), "alice", ["alice", "mallory"]),
    ])
    _, _, maint = _checks(fetched_for("npm", "weather-mcp", "1.2.0", pk), _opts(tmp_path))
    [f] = maint.findings
    # an existing maintainer published and only added someone: routine
    assert f.rule == "maintainer-change" and "added mallory" in f.message.lower()
    assert f.severity.value == "low" and maint.score == 8.0


def test_npm_new_publisher_without_dormancy(tmp_path: Path) -> None:
    pk = npm_packument("weather-mcp", [
        ("1.0.0", NOW - days(300), "alice", ["alice"]),
        ("1.1.0", NOW - days(100), "alice", ["alice"]),
        ("1.2.0", NOW - days(10), "mallory", ["alice", "mallory"]),
    ])
    _, _, maint = _checks(fetched_for("npm", "weather-mcp", "1.2.0", pk), _opts(tmp_path))
    [f] = maint.findings
    assert f.rule == "maintainer-change" and f.severity.value == "medium" and maint.score == 4.0
    assert "published by mallory (new)" in f.message


def test_npm_dormant_then_new_publisher(tmp_path: Path) -> None:
    pk = npm_packument("weather-mcp", [
        ("1.0.0", NOW - days(1500), "alice", ["alice"]),
        ("1.1.0", NOW - days(1000), "alice", ["alice"]),
        ("1.1.1", NOW - days(3), "mallory", ["mallory"]),
    ])
    _, _, maint = _checks(fetched_for("npm", "weather-mcp", "1.1.1", pk), _opts(tmp_path))
    [f] = maint.findings
    assert f.rule == "dormant-then-new-maintainer" and f.severity.value == "high" and maint.score == 0.0
    assert "997 days" in f.title


def test_returning_maintainer_after_a_long_gap_is_not_a_takeover(tmp_path: Path) -> None:
    pk = npm_packument("weather-mcp", [
        ("1.0.0", NOW - days(1500), "carol", ["alice", "carol"]),
        ("1.1.0", NOW - days(1000), "alice", ["alice"]),
        ("1.2.0", NOW - days(3), "carol", ["alice", "carol"]),
    ])
    _, _, maint = _checks(fetched_for("npm", "weather-mcp", "1.2.0", pk), _opts(tmp_path))
    assert [f.rule for f in maint.findings] == ["maintainer-change"]  # carol published before


def test_npm_document_without_maintainers_is_inconclusive(tmp_path: Path) -> None:
    pk = npm_packument("weather-mcp", [("1.0.0", NOW - days(300), "alice", ["alice"]),
                                       ("1.1.0", NOW - days(3), "alice", ["alice"])])
    for doc in pk["versions"].values():  # what a stripping mirror serves
        del doc["maintainers"], doc["_npmUser"]
    prov, hist, maint = _checks(fetched_for("npm", "weather-mcp", "1.1.0", pk), _opts(tmp_path))
    assert hist.score == 10.0 and maint.score is None and "mirrors strip" in maint.reason
    assert any("maintainer continuity" in e.message for e in prov.errors)


def test_new_and_deprecated_npm_package(tmp_path: Path) -> None:
    pk = npm_packument("weather-mcp", [("0.0.1", NOW - days(4), "eve", ["eve"])],
                       extra_version={"0.0.1": {"deprecated": "use weather-mcp2"}})
    _, hist, maint = _checks(fetched_for("npm", "weather-mcp", "0.0.1", pk), _opts(tmp_path))
    assert sorted(f.rule for f in hist.findings) == ["deprecated-version", "new-package"]
    assert hist.score == 3.0
    assert maint.score == 10.0  # a first release has nobody to compare with


def test_pypi_new_and_yanked(tmp_path: Path) -> None:
    proj = pypi_project("weather-mcp", [("0.1.0", NOW - days(12)), ("0.2.0", NOW - days(2))], yanked=("0.2.0",))
    _, hist, _ = _checks(fetched_for("pypi", "weather-mcp", "0.2.0", proj), _opts(tmp_path))
    assert sorted(f.rule for f in hist.findings) == ["new-package", "yanked-version"]


def test_pypi_without_per_version_metadata_is_inconclusive(tmp_path: Path, fake_http: FakeHTTPServer) -> None:
    info = {"author": "Alice", "author_email": "alice@example.org"}
    proj = pypi_project("weather-mcp", [("1.0", NOW - days(500)), ("1.1", NOW - days(40))], info=info)
    # the fake index answers 404 for /pypi/weather-mcp/1.0/json, like this machine's mirror
    prov, hist, maint = _checks(fetched_for("pypi", "weather-mcp", "1.1", proj), _opts(tmp_path, fake_http.url))
    assert hist.score == 10.0
    assert maint.score is None and "per-version" in maint.reason
    assert any("maintainer continuity" in e.message for e in prov.errors)


def test_pypi_unreachable_index_is_inconclusive(tmp_path: Path) -> None:
    info = {"author": "Alice", "author_email": "alice@example.org"}
    proj = pypi_project("weather-mcp", [("1.0", NOW - days(500)), ("1.1", NOW - days(40))], info=info)
    prov, _, maint = _checks(fetched_for("pypi", "weather-mcp", "1.1", proj), _opts(tmp_path))
    assert maint.score is None and any("could not be fetched" in e.message for e in prov.errors)


def test_pypi_author_change_after_dormancy(tmp_path: Path, fake_http: FakeHTTPServer) -> None:
    proj = pypi_project("weather-mcp", [("1.0", NOW - days(900)), ("1.1", NOW - days(800)), ("1.2", NOW - days(1))],
                        info={"author": "Mallory", "author_email": "mallory@example.net"})
    fake_http.add_json("/pypi/weather-mcp/1.1/json", {"info": {"author": "Alice", "author_email": "alice@example.org"}})
    _, _, maint = _checks(fetched_for("pypi", "weather-mcp", "1.2", proj), _opts(tmp_path, fake_http.url))
    [f] = maint.findings
    assert f.rule == "dormant-then-new-maintainer" and "mallory@example.net" in f.message
    assert "does not record who uploaded" in f.message


def test_pypi_same_author_passes(tmp_path: Path, fake_http: FakeHTTPServer) -> None:
    proj = pypi_project("weather-mcp", [("1.0", NOW - days(900)), ("1.1", NOW - days(1))],
                        info={"author": "Alice", "author_email": "Alice <alice@example.org>"})
    fake_http.add_json("/pypi/weather-mcp/1.0/json", {"info": {"author_email": "alice@example.org"}})
    _, _, maint = _checks(fetched_for("pypi", "weather-mcp", "1.1", proj), _opts(tmp_path, fake_http.url))
    assert maint.score == 10.0 and maint.findings == ()


def test_missing_registry_document_is_inconclusive_with_error(tmp_path: Path) -> None:
    prov, hist, maint = _checks(fetched_for("pypi", "weather-mcp", "1.0", None), _opts(tmp_path))
    assert hist.score is None and maint.score is None
    assert any("registry document" in e.message for e in prov.errors)


def test_pypi_pep658_metadata_when_per_version_json_is_missing(tmp_path: Path, fake_http: FakeHTTPServer) -> None:
    proj = pypi_project("weather-mcp", [("1.0", NOW - days(900)), ("1.1", NOW - days(800)), ("1.2", NOW - days(1))],
                        info={"author": "Mallory", "author_email": "mallory@example.net"})
    for f in proj["releases"]["1.1"]:
        f["core-metadata"] = {"sha256": "0" * 64}
    fake_http.add("/packages/weather-mcp-1.1.whl.metadata",
                  "Metadata-Version: 2.1\nName: weather-mcp\nVersion: 1.1\nAuthor-email: Alice <alice@example.org>\n")
    fetched = fetched_for("pypi", "weather-mcp", "1.2", proj, url=f"{fake_http.url}/pypi/weather-mcp/json")
    _, _, maint = _checks(fetched, _opts(tmp_path, fake_http.url))
    assert [f.rule for f in maint.findings] == ["dormant-then-new-maintainer"]
    assert "added mallory@example.net" in maint.findings[0].message
