"""PEP 740 and npm provenance: present, verified, invalid, absent, unverifiable (service down)."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path
from typing import Any

from mcpvet.checks.interface import Facts
from mcpvet.checks.provenance.attestations import ProvenanceAttestation
from mcpvet.options import InspectOptions
from mcpvet.provenance import attestations as att_mod
from mcpvet.provenance import collect
from mcpvet.provenance.attestations import VerificationFailed, pypi_attestations, sigstore_verify
from mcpvet.provenance.client import JsonClient
from mcpvet.provenance.repository import parse_repo_url
from tests.provenance.fakes import NOW, REGISTRY_SIGNATURES, days, fetched_for, npm_packument, pypi_project, statement
from tests.support.fakehttp import FakeHTTPServer

FILE = "weather_mcp-1.0-py3-none-any.whl"
SHA = hashlib.sha256(b"the wheel").hexdigest()
REPO = {"Source": "https://github.com/alice/weather-mcp"}


def _pypi_provenance(sha: str = SHA, repository: str = "alice/weather-mcp") -> dict[str, Any]:
    st = statement([{"name": FILE, "digest": {"sha256": sha}}], "https://docs.pypi.org/attestations/publish/v1", {})
    return {"version": 1, "attestation_bundles": [{
        "publisher": {"kind": "GitHub", "repository": repository, "workflow": "release.yml", "environment": "pypi"},
        "attestations": [{"version": 1, "verification_material": {"certificate": "AAAA", "transparency_entries": []},
                          "envelope": {"statement": st, "signature": base64.b64encode(b"sig").decode()}}],
    }]}


def _opts(tmp_path: Path, base: str) -> InspectOptions:
    return InspectOptions(pypi_url=base, npm_url=base, osv_url=base, cache_dir=tmp_path / "c", http_timeout_s=5,
                          http_retries=0)


def _run(fetched, opts):  # type: ignore[no-untyped-def]
    prov = collect(fetched, None, opts, now=NOW)
    return prov, ProvenanceAttestation().run(Facts(target=fetched.target, tree=None, tools=(), frontends=(),
                                                   provenance=prov))


def _pypi_fetched():  # type: ignore[no-untyped-def]
    proj = pypi_project("weather-mcp", [("1.0", NOW - days(100))], info={"project_urls": REPO})
    return fetched_for("pypi", "weather-mcp", "1.0", proj, artifact=FILE, sha256=SHA)


def _simple(server: FakeHTTPServer, provenance: str | None | bool) -> None:
    entry: dict[str, Any] = {"filename": FILE, "hashes": {"sha256": SHA}}
    if provenance is not False:
        entry["provenance"] = provenance
    server.add_json("/simple/weather-mcp/", {"name": "weather-mcp", "files": [entry]})


def test_pypi_absent_when_the_index_says_so(tmp_path: Path, fake_http: FakeHTTPServer) -> None:
    _simple(fake_http, None)
    prov, out = _run(_pypi_fetched(), _opts(tmp_path, fake_http.url))
    assert prov.attestations["status"] == "absent" and out.score == 5.0
    assert [f.rule for f in out.findings] == ["no-provenance-attestation"]


def test_pypi_index_without_pep740_data_is_unverifiable(tmp_path: Path, fake_http: FakeHTTPServer) -> None:
    _simple(fake_http, False)  # a mirror: no 'provenance' key, Integrity API 404
    prov, out = _run(_pypi_fetched(), _opts(tmp_path, fake_http.url))
    assert prov.attestations["status"] == "unverifiable" and out.score is None
    assert any("Integrity API" in e.message for e in prov.errors)


def test_pypi_unreachable_is_unverifiable(tmp_path: Path) -> None:
    prov, out = _run(_pypi_fetched(), _opts(tmp_path, "http://127.0.0.1:9"))
    assert prov.attestations["status"] == "unverifiable" and out.score is None
    assert any(e.stage == "provenance" and "Integrity" in e.message for e in prov.errors)


def test_pypi_bundle_read_and_repository_compared(tmp_path: Path, fake_http: FakeHTTPServer) -> None:
    _simple(fake_http, f"{fake_http.url}/integrity/weather-mcp/1.0/{FILE}/provenance")
    fake_http.add_json(f"/integrity/weather-mcp/1.0/{FILE}/provenance", _pypi_provenance())
    prov, out = _run(_pypi_fetched(), _opts(tmp_path, fake_http.url))
    att = prov.attestations
    # the fake certificate cannot pass Sigstore: reported as invalid, never as verified
    assert att["status"] == "invalid" and att["repository_matches"] is True
    assert att["publisher"]["repository"] == "alice/weather-mcp"
    assert out.score == 0.0 and out.findings[0].rule == "attestation-invalid"


def test_pypi_subject_digest_mismatch_is_invalid(tmp_path: Path, fake_http: FakeHTTPServer) -> None:
    _simple(fake_http, False)
    fake_http.add_json(f"/integrity/weather-mcp/1.0/{FILE}/provenance", _pypi_provenance(sha="0" * 64))
    prov, out = _run(_pypi_fetched(), _opts(tmp_path, fake_http.url))
    assert prov.attestations["status"] == "invalid" and "digest" in prov.attestations["reason"]


def test_pypi_verified_and_repository_mismatch(tmp_path: Path, fake_http: FakeHTTPServer) -> None:
    """Status mapping with the Sigstore step replaced (real bundles cannot be minted in a test)."""
    fake_http.add_json(f"/integrity/weather-mcp/1.0/{FILE}/provenance", _pypi_provenance(repository="mallory/fork"))
    calls: list[tuple[str, str]] = []

    def ok(att: Any, pub: Any, filename: str, sha: str) -> None:
        calls.append((filename, sha))

    client = JsonClient(None)
    info, _ = pypi_attestations(client, fake_http.url, "weather-mcp", "1.0", FILE, SHA,
                                parse_repo_url(REPO["Source"]), verify=ok)
    assert calls == [(FILE, SHA)]
    assert info.status == "verified" and info.repository_matches is False
    assert info.source_repository == "https://github.com/mallory/fork"

    def bad(att: Any, pub: Any, filename: str, sha: str) -> None:
        raise VerificationFailed("certificate identity does not match")

    info, _ = pypi_attestations(client, fake_http.url, "weather-mcp", "1.0", FILE, SHA, None, verify=bad)
    assert info.status == "invalid" and "identity" in info.reason


def test_sigstore_verify_rejects_a_forged_bundle() -> None:
    """The real verifier (pypi-attestations, offline trust root) on a forged attestation."""
    import pytest

    doc = _pypi_provenance()["attestation_bundles"][0]
    with pytest.raises((VerificationFailed, att_mod.VerificationUnavailable)):
        sigstore_verify(doc["attestations"][0], doc["publisher"], FILE, SHA)


def _npm(tmp_path: Path, server: FakeHTTPServer | None, *, with_ref: bool = True, sha512: str | None = None,
         stripped: bool = False,
         claimed: str = "https://github.com/alice/weather-mcp"):  # type: ignore[no-untyped-def]
    sigs = {} if stripped else {"signatures": REGISTRY_SIGNATURES}
    extra = {"1.0.0": {"dist": {"tarball": "/t.tgz", **sigs, "integrity": "sha512-" + base64.b64encode(
        hashlib.sha512(b"tgz").digest()).decode(), **({"attestations": {
            "url": "https://registry.npmjs.org/-/npm/v1/attestations/weather-mcp@1.0.0",
            "provenance": {"predicateType": "https://slsa.dev/provenance/v1"}}} if with_ref else {})}}}
    pk = npm_packument("weather-mcp", [("1.0.0", NOW - days(90), "alice", ["alice"])],
                       repository={"type": "git", "url": "git+https://github.com/alice/weather-mcp.git"},
                       extra_version=extra)
    if server is not None:
        st = statement([{"name": "pkg:npm/weather-mcp@1.0.0",
                         "digest": {"sha512": sha512 or hashlib.sha512(b"tgz").hexdigest()}}],
                       "https://slsa.dev/provenance/v1",
                       {"buildDefinition": {"externalParameters": {"workflow": {
                           "ref": "refs/tags/v1.0.0", "repository": claimed, "path": ".github/workflows/pub.yml"}}}})
        server.add_json("/-/npm/v1/attestations/weather-mcp@1.0.0", {"attestations": [
            {"predicateType": "https://github.com/npm/attestation/tree/main/specs/publish/v0.1",
             "bundle": {"dsseEnvelope": {"payload": st}}},
            {"predicateType": "https://slsa.dev/provenance/v1",
             "bundle": {"dsseEnvelope": {"payload": st, "payloadType": "application/vnd.in-toto+json"}}}]})
    base = server.url if server else "http://127.0.0.1:9"
    return _run(fetched_for("npm", "weather-mcp", "1.0.0", pk), _opts(tmp_path, base))


def test_npm_present_and_consistent(tmp_path: Path, fake_http: FakeHTTPServer) -> None:
    prov, out = _npm(tmp_path, fake_http)
    assert prov.attestations["status"] == "present" and prov.attestations["repository_matches"] is True
    assert out.score == 8.0 and out.findings == ()


def test_npm_repository_mismatch(tmp_path: Path, fake_http: FakeHTTPServer) -> None:
    prov, out = _npm(tmp_path, fake_http, claimed="https://github.com/mallory/weather-mcp")
    assert [f.rule for f in out.findings] == ["attestation-repository-mismatch"] and out.score == 0.0


def test_npm_digest_mismatch_is_invalid(tmp_path: Path, fake_http: FakeHTTPServer) -> None:
    prov, out = _npm(tmp_path, fake_http, sha512="ab" * 64)
    assert prov.attestations["status"] == "invalid" and out.score == 0.0


def test_npm_absent_and_unreachable(tmp_path: Path) -> None:
    prov, out = _npm(tmp_path, None, with_ref=False)
    assert prov.attestations["status"] == "absent" and out.score == 5.0
    prov, out = _npm(tmp_path, None)
    assert prov.attestations["status"] == "unverifiable" and out.score is None
    assert any("attestations" in e.message for e in prov.errors)


def test_npm_stripped_mirror_document_proves_nothing(tmp_path: Path) -> None:
    prov, out = _npm(tmp_path, None, with_ref=False, stripped=True)
    assert prov.attestations["status"] == "unverifiable" and out.score is None
    assert any("stripped" in e.message for e in prov.errors)


def test_npm_stripped_document_still_finds_served_attestations(tmp_path: Path, fake_http: FakeHTTPServer) -> None:
    prov, out = _npm(tmp_path, fake_http, with_ref=False, stripped=True)
    assert prov.attestations["status"] == "present" and out.score == 8.0


def test_local_folder_is_not_applicable(tmp_path: Path) -> None:
    prov, out = _run(fetched_for("local", "x", "1", None), _opts(tmp_path, "http://127.0.0.1:9"))
    assert prov.attestations["status"] == "not-applicable" and out.score is None
