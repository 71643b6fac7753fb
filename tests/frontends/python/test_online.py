"""Pinned real Python MCP servers (corpus/pinned-python.json): every tool found, with the
description a client sees, and at least the recorded capabilities. Run with `-m online`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mcpvet.api import inspect
from mcpvet.options import InspectOptions

CORPUS = json.loads((Path(__file__).resolve().parents[3] / "corpus" / "pinned-python.json").read_text())
PACKAGES: list[dict[str, Any]] = CORPUS["packages"]


def test_corpus_is_pinned_and_covers_the_sdks() -> None:
    assert all("==" in p["spec"] for p in PACKAGES)
    specs = " ".join(p["spec"] for p in PACKAGES)
    for name in ("mcp-server-fetch", "mcp-server-git", "mcp-server-time", "mcp-server-sqlite"):
        assert name in specs
    assert any("fastmcp 3" in p["sdk"] for p in PACKAGES) and any("fastmcp written for 2" in p["sdk"] for p in PACKAGES)


@pytest.mark.online
@pytest.mark.parametrize("package", PACKAGES, ids=[p["spec"] for p in PACKAGES])
def test_pinned_package(package: dict[str, Any], tmp_path: Path) -> None:
    card = inspect(package["spec"], InspectOptions(cache_dir=tmp_path / "cache")).to_json()
    assert card["target"]["sha256"] == package["sha256"]
    assert not [e for e in card["errors"] if e["stage"] in ("python", "frontend")], card["errors"]
    got = {t["name"]: t for t in card["tools"]}
    assert sorted(got) == sorted(t["name"] for t in package["tools"])
    for expected in package["tools"]:
        tool = got[expected["name"]]
        assert tool["description"] == expected["description"], expected["name"]
        kinds = {c["kind"] for c in tool["capabilities"]}
        assert set(expected["capabilities"]) <= kinds, expected["name"]
