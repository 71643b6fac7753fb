"""A PEP 503 simple index of small wheels built here, a fake npm registry, and OSV's single-query
endpoint (`POST /v1/query`, what pip-audit's OSV service calls), all on the loopback fake server.

The wheels hold only metadata and an empty module: pip reads their METADATA and never runs them.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import zipfile
from typing import Any

from packaging.utils import canonicalize_name

from tests.provenance.fakes import _affected, _semver, add_osv
from tests.support.fakehttp import FakeHTTPServer, Response

# shaped like a real OSV record (GHSA-sourced PyPI advisory); "b" is the package two levels down
B_ADVISORY: dict[str, Any] = {
    "schema_version": "1.6.0",
    "id": "GHSA-7f2x-9q4r-b2v8",
    "aliases": ["CVE-2099-41234", "PYSEC-2099-17"],
    "summary": "b deserialises untrusted input in its config loader, allowing code execution",
    "details": "b from 1.5 up to 2.0 passes configuration files to an unsafe loader.",
    "published": "2099-01-10T12:00:00Z",
    "modified": "2099-01-12T08:00:00Z",
    "database_specific": {"severity": "HIGH", "cwe_ids": ["CWE-502"]},
    "affected": [{"package": {"ecosystem": "PyPI", "name": "b", "purl": "pkg:pypi/b"},
                  "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "1.5"}, {"fixed": "2.1"}]}],
                  "versions": ["1.5", "1.6", "2.0"]}],
    "references": [{"type": "ADVISORY", "url": "https://github.com/advisories/GHSA-7f2x-9q4r-b2v8"}],
}


def build_wheel(name: str, version: str, requires: list[str] = ()) -> tuple[str, bytes]:  # type: ignore[assignment]
    """(file name, bytes) of a py3-none-any wheel declaring `requires` as Requires-Dist."""
    norm = canonicalize_name(name).replace("-", "_")
    dist = f"{norm}-{version}.dist-info"
    meta = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n" + "".join(
        f"Requires-Dist: {r}\n" for r in requires)
    files = {f"{norm}/__init__.py": b"", f"{dist}/METADATA": meta.encode(),
             f"{dist}/WHEEL": b"Wheel-Version: 1.0\nGenerator: mcpvet-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n"}
    record = "".join(
        f"{p},sha256={base64.urlsafe_b64encode(hashlib.sha256(b).digest()).rstrip(b'=').decode()},{len(b)}\n"
        for p, b in files.items()) + f"{dist}/RECORD,,\n"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for p, b in {**files, f"{dist}/RECORD": record.encode()}.items():
            zf.writestr(p, b)
    return f"{norm}-{version}-py3-none-any.whl", buf.getvalue()


def add_simple_index(server: FakeHTTPServer, packages: dict[str, dict[str, list[str]]]) -> None:
    """`/simple/<name>/` pages (PEP 503 HTML) and `/files/<wheel>` for {name: {version: requires}}."""
    for name, versions in packages.items():
        links = []
        for version, requires in versions.items():
            fname, data = build_wheel(name, version, requires)
            server.add(f"/files/{fname}", data)
            links.append(f'<a href="/files/{fname}#sha256={hashlib.sha256(data).hexdigest()}">{fname}</a><br/>')
        page = f"<!DOCTYPE html><html><body>{''.join(links)}</body></html>"
        server.add(f"/simple/{canonicalize_name(name)}/", page, content_type="text/html")


def add_osv_query(server: FakeHTTPServer, vulns: dict[str, dict[str, Any]],
                  *, hostile_for: str | None = None) -> None:
    """OSV as pip-audit uses it: `POST /v1/query` with one package and version, answering `{"vulns":
    [full records]}` or `{}`; plus querybatch and vulns/<id> (tests.provenance.fakes.add_osv).
    `hostile_for`: answer that package with mistyped records (ranges a string, id a number)."""
    add_osv(server, vulns)

    def query(method: str, body: bytes, headers: dict[str, str]) -> Response:
        q = json.loads(body)
        name, version = q["package"]["name"], q.get("version")
        if name == hostile_for:
            doc: dict[str, Any] = {"vulns": [{"id": 7, "affected": [{"package": {"name": name, "ecosystem": "PyPI"},
                                                                   "ranges": "everything"}]}]}
        else:
            hits = [v for _vid, v in sorted(vulns.items()) if _affected(v, name, version)]
            doc = {"vulns": hits} if hits else {}
        return Response(json.dumps(doc).encode(), 200, {"Content-Type": "application/json"})

    server.add("/v1/query", query, method="POST")


def add_npm_packages(server: FakeHTTPServer, prefix: str, packages: dict[str, dict[str, dict[str, str]]]) -> None:
    """Packuments at `{prefix}/<name>` for {name: {version: dependencies}} (what `npm install
    --package-lock-only` reads; the tarballs are never fetched)."""
    for name, versions in packages.items():
        vdocs = {}
        for version, deps in versions.items():
            tarball = f"{server.url}{prefix}/-/{name}-{version}.tgz"
            vdocs[version] = {"name": name, "version": version, "dependencies": deps,
                              "dist": {"tarball": tarball, "shasum": hashlib.sha1(tarball.encode()).hexdigest(),
                                       "integrity": "sha512-" + base64.b64encode(
                                           hashlib.sha512(tarball.encode()).digest()).decode()}}
        latest = list(versions)[-1]
        server.add_json(f"{prefix}/{name}", {"name": name, "versions": vdocs, "dist-tags": {"latest": latest},
                                             "time": dict.fromkeys(versions, "2025-01-01T00:00:00.000Z")})


def add_npm_bulk(server: FakeHTTPServer, prefix: str, db: dict[str, list[dict[str, Any]]]) -> None:
    """`POST {prefix}/-/npm/v1/security/advisories/bulk` answering like the npm registry: for each
    name, the advisories whose `vulnerable_versions` ("<X.Y.Z") admit one of the versions asked."""

    def bulk(method: str, body: bytes, headers: dict[str, str]) -> Response:
        out: dict[str, list[dict[str, Any]]] = {}
        for name, versions in json.loads(body).items():
            for adv in db.get(name, []):
                bound = _semver(adv["vulnerable_versions"].lstrip("<"))
                if any(_semver(v) < bound for v in versions):
                    out.setdefault(name, []).append(adv)
        return Response(json.dumps(out).encode(), 200, {"Content-Type": "application/json"})

    server.add(f"{prefix}/-/npm/v1/security/advisories/bulk", bulk, method="POST")
