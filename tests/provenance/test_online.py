"""Provenance of pinned real packages (network: PyPI, npm). Services that do not answer from the
test machine (OSV, npm advisories, PyPI Integrity API) must show as unknown, never as clean."""

from __future__ import annotations

from pathlib import Path

import pytest

from mcpvet import api
from mcpvet.options import InspectOptions
from mcpvet.render.json import validation_errors

pytestmark = pytest.mark.online

PROVENANCE_CHECKS = {"registry-history", "maintainer-continuity", "source-repository", "provenance-attestation",
                     "vulnerable-dependencies", "name-confusion", "leaked-secrets"}


def _inspect(spec: str, tmp_path: Path) -> dict:
    doc = api.inspect(spec, InspectOptions(cache_dir=tmp_path / "cache")).to_json()
    assert validation_errors(doc) == []
    return doc


def _checks(doc: dict) -> dict[str, dict]:
    return {c["id"]: c for c in doc["score"]["checks"] if c["id"] in PROVENANCE_CHECKS}


def _unknown_is_explained(doc: dict) -> None:
    prov = doc["provenance"]
    errors = " ".join(e["message"] for e in doc["errors"] if e["stage"] == "provenance")
    if any(d["vulnerabilities"] is None for d in prov["dependencies"]):
        assert _checks(doc)["vulnerable-dependencies"]["score"] is None or any(
            f["rule"] == "vulnerable-dependency" for f in doc["findings"])
        assert "vulnerabilities" in errors
    if prov["attestations"]["status"] == "unverifiable":
        assert _checks(doc)["provenance-attestation"]["score"] is None and errors


def test_pypi_mcp_server_time(tmp_path: Path) -> None:
    doc = _inspect("pypi:mcp-server-time==2026.10.19", tmp_path)
    prov = doc["provenance"]
    assert prov["registry"]["history"]["release_count"] >= 10
    assert prov["repository"]["url"] == "https://github.com/modelcontextprotocol/servers"
    assert prov["repository"]["consistent"] is True
    assert {d["name"] for d in prov["dependencies"]} >= {"mcp", "pydantic"}
    assert next(d for d in prov["dependencies"] if d["name"] == "mcp")["sdk"] is True
    checks = _checks(doc)
    assert set(checks) == PROVENANCE_CHECKS
    assert checks["name-confusion"]["score"] == 10 and checks["leaked-secrets"]["score"] == 10
    assert checks["registry-history"]["score"] == 10 and checks["source-repository"]["score"] == 10
    _unknown_is_explained(doc)


def test_npm_server_memory(tmp_path: Path) -> None:
    doc = _inspect("npm:@modelcontextprotocol/server-memory@2026.8.31", tmp_path)
    prov = doc["provenance"]
    assert prov["registry"]["history"]["release_count"] >= 5
    assert prov["repository"]["consistent"] is True
    sdk = next(d for d in prov["dependencies"] if d["name"] == "@modelcontextprotocol/sdk")
    assert sdk["sdk"] is True and sdk["version_kind"] in ("lower-bound", "exact")
    checks = _checks(doc)
    assert checks["name-confusion"]["score"] == 10 and checks["leaked-secrets"]["score"] == 10
    _unknown_is_explained(doc)
