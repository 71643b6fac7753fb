"""The official reference servers, pinned, through the whole pipeline: no finding above low on any
tool, and every capability found is admitted (run with `-m online`)."""

from __future__ import annotations

import pytest

from mcpvet.api import inspect
from mcpvet.model import Severity
from mcpvet.options import InspectOptions

pytestmark = pytest.mark.online

REFERENCE = [
    "pypi:mcp-server-fetch==2026.10.24",
    "pypi:mcp-server-git==2026.10.19",
    "pypi:mcp-server-time==2026.10.19",
    "npm:@modelcontextprotocol/server-filesystem@2026.8.31",
    "npm:@modelcontextprotocol/server-memory@2026.8.31",
    "npm:@modelcontextprotocol/server-everything@2026.8.31",
]


@pytest.mark.parametrize("spec", REFERENCE)
def test_reference_server_is_clean(spec: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    card = inspect(spec, InspectOptions(cache_dir=tmp_path / "cache")).to_json()
    assert card["tools"], "no tools found"
    tool_findings = [f for f in card["findings"] if f["tool"] is not None]
    assert all(Severity(f["severity"]) <= Severity.LOW for f in tool_findings), tool_findings
    analysis = {"tool-behaviour", "description-text", "install-hooks", "package-code"}
    for f in card["findings"]:
        if f["rule"] in ("undeclared-capability", "exfiltration-path", "tool-poisoning", "tool-shadowing",
                         "hidden-unicode", "obfuscated-code", "install-script", "sensitive-path"):
            assert Severity(f["severity"]) <= Severity.LOW, f
    scored = {c["id"]: c["score"] for c in card["score"]["checks"] if c["id"] in analysis}
    assert scored["tool-behaviour"] is not None and scored["tool-behaviour"] >= 9.0
