"""Pinned real npm MCP servers (corpus/pinned-npm.json): every tool found with its exact description."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mcpvet import api
from mcpvet.options import InspectOptions

CORPUS = Path(__file__).resolve().parents[3] / "corpus" / "pinned-npm.json"
PACKAGES = json.loads(CORPUS.read_text("utf-8"))["packages"]


@pytest.mark.online
@pytest.mark.parametrize("package", PACKAGES, ids=[p["spec"] for p in PACKAGES])
def test_pinned_npm_package(package: dict) -> None:
    card = api.inspect(package["spec"], InspectOptions()).to_json()
    got = {t["name"]: t for t in card["tools"]}
    want = {t["name"]: t for t in package["tools"]}
    assert sorted(got) == sorted(want), card["errors"]
    assert len(card["tools"]) == len(got), "a tool was reported twice"
    for name, tool in want.items():
        assert got[name]["description"] == tool["description"], name
        assert sorted(c["kind"] for c in got[name]["capabilities"]) == tool["capabilities"], name
    assert not [e for e in card["errors"] if e["stage"] == "javascript"], card["errors"]
