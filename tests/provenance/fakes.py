"""Fake registry, vulnerability and attestation services for the provenance tests (loopback HTTP).

The advisory data is real (ids, aliases, affected ranges and fixed versions as published by the
GitHub advisory database for the MCP SDKs); the services compute their answers from it the way
OSV and the npm registry do, so tests can vary versions.
"""

from __future__ import annotations

import base64
import hashlib
import json
from datetime import UTC, datetime, timedelta
from typing import Any

from packaging.version import Version

from mcpvet.fetch.interface import Fetched, RegistryInfo
from mcpvet.model import Ecosystem, Target
from tests.support.fakehttp import FakeHTTPServer, Response

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)

OSV_VULNS: dict[str, dict[str, Any]] = {
    "GHSA-3qhf-m339-9g5v": {
        "id": "GHSA-3qhf-m339-9g5v", "aliases": ["CVE-2025-53366"],
        "summary": "MCP Python SDK vulnerability in the FastMCP Server causes validation error, leading to DoS",
        "database_specific": {"severity": "HIGH"},
        "affected": [{"package": {"ecosystem": "PyPI", "name": "mcp"},
                      "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.9.4"}]}]}],
    },
    "GHSA-j975-95f5-7wqh": {
        "id": "GHSA-j975-95f5-7wqh", "aliases": ["CVE-2025-53365"],
        "summary": "MCP Python SDK has Unhandled Exception in Streamable HTTP Transport, Leading to Denial of Service",
        "database_specific": {"severity": "HIGH"},
        "affected": [{"package": {"ecosystem": "PyPI", "name": "mcp"},
                      "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.10.0"}]}]}],
    },
}

NPM_ADVISORIES: dict[str, list[dict[str, Any]]] = {
    "@modelcontextprotocol/sdk": [{
        "id": 1110123, "url": "https://github.com/advisories/GHSA-w48q-cv73-mx4w",
        "title": "Model Context Protocol (MCP) TypeScript SDK does not enable DNS rebinding protection by default",
        "severity": "high", "vulnerable_versions": "<1.24.0", "cwe": ["CWE-350", "CWE-1188"],
    }],
}


def _affected(vuln: dict[str, Any], name: str, version: str | None) -> bool:
    for aff in vuln["affected"]:
        if aff["package"]["name"] != name:
            continue
        if version is None:
            return True
        v = Version(version)
        for rng in aff["ranges"]:
            lo = None
            for ev in rng["events"]:
                if "introduced" in ev:
                    lo = Version(ev["introduced"])
                elif "fixed" in ev and lo is not None:
                    if lo <= v < Version(ev["fixed"]):
                        return True
                    lo = None
            if lo is not None and v >= lo:
                return True
    return False


def add_osv(server: FakeHTTPServer, vulns: dict[str, dict[str, Any]] | None = None) -> None:
    """POST /v1/querybatch and GET /v1/vulns/<id>, answering like api.osv.dev from `vulns`."""
    db = OSV_VULNS if vulns is None else vulns

    def querybatch(method: str, body: bytes, headers: dict[str, str]) -> Response:
        queries = json.loads(body)["queries"]
        results = []
        for q in queries:
            name, version = q["package"]["name"], q.get("version")
            hits = [{"id": vid, "modified": "2025-07-05T00:00:00Z"} for vid, v in sorted(db.items())
                    if _affected(v, name, version)]
            results.append({"vulns": hits} if hits else {})
        return Response(json.dumps({"results": results}).encode(), 200, {"Content-Type": "application/json"})

    server.add("/v1/querybatch", querybatch, method="POST")
    for vid, doc in db.items():
        server.add_json(f"/v1/vulns/{vid}", doc)


def _semver(v: str) -> tuple[int, ...]:
    return tuple(int(x) for x in v.split("-")[0].split("."))


def add_npm_advisories(server: FakeHTTPServer, db: dict[str, list[dict[str, Any]]] | None = None) -> None:
    data = NPM_ADVISORIES if db is None else db

    def bulk(method: str, body: bytes, headers: dict[str, str]) -> Response:
        req = json.loads(body)
        out: dict[str, list[dict[str, Any]]] = {}
        for name, versions in req.items():
            for adv in data.get(name, []):
                bound = adv["vulnerable_versions"].lstrip("<")
                if any(_semver(v) < _semver(bound) for v in versions):
                    out.setdefault(name, []).append(adv)
        return Response(json.dumps(out).encode(), 200, {"Content-Type": "application/json"})

    server.add("/-/npm/v1/security/advisories/bulk", bulk, method="POST")


# npmjs.org adds an ECDSA registry signature to every version's dist
REGISTRY_SIGNATURES = [{"keyid": "SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA", "sig": "MEUCIQ-fake"}]


def iso(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def pypi_project(name: str, releases: list[tuple[str, datetime]], *, info: dict[str, Any] | None = None,
                 yanked: tuple[str, ...] = ()) -> dict[str, Any]:
    """A PyPI project JSON document: one wheel per release."""
    rels = {}
    for ver, when in releases:
        rels[ver] = [{"filename": f"{name.replace('-', '_')}-{ver}-py3-none-any.whl", "packagetype": "bdist_wheel",
                      "upload_time_iso_8601": iso(when), "yanked": ver in yanked,
                      "digests": {"sha256": hashlib.sha256(f"{name}{ver}".encode()).hexdigest()},
                      "url": f"/packages/{name}-{ver}.whl"}]
    latest = releases[-1][0]
    base_info = {"name": name, "version": latest, "author": None, "author_email": None, "maintainer": None,
                 "maintainer_email": None, "license": "MIT", "project_urls": None, "home_page": None}
    base_info.update(info or {})
    return {"info": base_info, "releases": rels, "urls": rels[latest]}


def npm_packument(name: str, versions: list[tuple[str, datetime, str, list[str]]], *,
                  repository: Any = None, extra_version: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """versions: (version, time, publisher, maintainers)."""
    vdocs = {}
    times: dict[str, str] = {}
    for ver, when, publisher, maint in versions:
        doc: dict[str, Any] = {
            "name": name, "version": ver,
            "_npmUser": {"name": publisher, "email": f"{publisher}@example.org"},
            "maintainers": [{"name": m, "email": f"{m}@example.org"} for m in maint],
            "dist": {"tarball": f"/tarballs/{ver}.tgz", "integrity": "sha512-" + base64.b64encode(
                hashlib.sha512(f"{name}{ver}".encode()).digest()).decode(), "signatures": REGISTRY_SIGNATURES},
        }
        if repository is not None:
            doc["repository"] = repository
        doc.update((extra_version or {}).get(ver, {}))
        vdocs[ver] = doc
        times[ver] = iso(when)
    times["created"] = times[versions[0][0]]
    return {"name": name, "versions": vdocs, "time": times, "dist-tags": {"latest": versions[-1][0]},
            "maintainers": [{"name": m} for m in versions[-1][3]]}


def fetched_for(ecosystem: str, name: str, version: str, raw: dict[str, Any] | None, *,
                artifact: str | None = None, sha256: str | None = None, url: str = "http://x") -> Fetched:
    reg = None
    if raw is not None:
        reg = RegistryInfo(registry=ecosystem, url=url, raw=raw)
    target = Target(f"{ecosystem}:{name}", Ecosystem(ecosystem), name, version, artifact, sha256)
    return Fetched(target=target, registry=reg)


def days(n: float) -> timedelta:
    return timedelta(days=n)


def statement(subjects: list[dict[str, Any]], predicate_type: str, predicate: dict[str, Any]) -> str:
    doc = {"_type": "https://in-toto.io/Statement/v1", "subject": subjects, "predicateType": predicate_type,
           "predicate": predicate}
    return base64.b64encode(json.dumps(doc).encode()).decode()
