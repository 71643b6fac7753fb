"""A package whose tools could not be listed is not rated: never a 10/10 for nothing analysed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mcpvet import api
from mcpvet.options import InspectOptions
from mcpvet.render.json import render_json, validation_errors


def _card(folder: Path) -> dict:
    card = api.inspect(str(folder), InspectOptions(offline=True))
    assert not card.failed
    doc = json.loads(render_json(card))
    assert validation_errors(doc) == []
    return doc


@pytest.mark.parametrize(("files", "words"), [
    ({}, "the package is empty"),
    ({"README.md": "# notes\n", "data.csv": "a,b\n"}, "no Python, JavaScript or TypeScript source was analysed"),
    ({"lib/util.py": "def add(a, b):\n    return a + b\n"}, "no MCP tool could be listed"),
    ({"index.js": "module.exports = (a, b) => a + b;\n", "package.json": '{"name": "adder", "version": "1.0.0"}'},
     "no MCP tool could be listed"),
])
def test_nothing_to_grade_is_not_rated(files: dict[str, str], words: str, tmp_path: Path) -> None:
    root = tmp_path / "pkg"
    root.mkdir()
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    doc = _card(root)
    assert doc["score"]["value"] is None and doc["score"]["grade"] is None
    assert words in doc["score"]["reason"]
    assert any(e["message"].startswith("not rated: ") and words in e["message"] for e in doc["errors"])
    assert doc["score"]["checks"], "the checks that ran are still shown"


def test_a_server_with_tools_is_rated(tmp_path: Path) -> None:
    root = tmp_path / "srv"
    (root / "srv").mkdir(parents=True)
    (root / "srv" / "server.py").write_text(
        'from mcp.server.fastmcp import FastMCP\n\nmcp = FastMCP("s")\n\n\n@mcp.tool()\n'
        'def add(a: int, b: int) -> int:\n    """Add two numbers."""\n    return a + b\n')
    doc = _card(root)
    assert [t["name"] for t in doc["tools"]] == ["add"]
    assert doc["score"]["value"] is not None and "reason" not in doc["score"]


def test_a_server_shipped_as_a_native_executable_says_so(tmp_path: Path) -> None:
    """A wheel that wraps a compiled server (a Go binary started by a few lines of Python): not rated, and the
    reason names the executables whose tools cannot be read from source."""
    root = tmp_path / "binwrap"
    (root / "binwrap" / "bin").mkdir(parents=True)
    (root / "binwrap" / "__init__.py").write_text(
        "import os, sys\n\n\ndef main():\n    os.execv(os.path.join(os.path.dirname(__file__), 'bin', 'srv'), sys.argv)\n")
    (root / "binwrap" / "bin" / "srv").write_bytes(b"\x7fELF\x02\x01\x01" + bytes(200))
    doc = _card(root)
    assert doc["score"]["value"] is None
    assert "native executables (binwrap/bin/srv)" in doc["score"]["reason"]


def test_tools_registered_with_names_known_only_at_run_time_say_so(tmp_path: Path) -> None:
    """The package's own code registers its tools (names from a value mcpvet cannot follow): the reason points
    at those registrations, not at native executables it also ships."""
    root = tmp_path / "dyn"
    (root / "bin").mkdir(parents=True)
    (root / "package.json").write_text('{"name": "dyn", "version": "1.0.0", "type": "module"}')
    (root / "index.js").write_text(
        'import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";\n'
        'const server = new McpServer({ name: "d", version: "1" });\n'
        'for (const t of await loadAtRunTime()) server.registerTool(t.name, { description: t.d }, async () => ({}));\n')
    (root / "bin" / "helper").write_bytes(b"\x7fELF\x02\x01\x01" + bytes(200))
    doc = _card(root)
    assert doc["score"]["value"] is None
    assert "registers tools whose names it builds at run time" in doc["score"]["reason"]
    assert "index.js:3" in doc["score"]["reason"]
    assert "native executables" not in doc["score"]["reason"]


def _ping_server(tmp_path: Path, more: str = "") -> Path:
    """A JavaScript server registering the literal tool `ping`, then MORE (code of the same module)."""
    root = tmp_path / "srv"
    root.mkdir()
    (root / "package.json").write_text('{"name": "srv", "version": "1.0.0", "main": "index.js"}')
    (root / "index.js").write_text(
        'import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";\n'
        'const server = new McpServer({ name: "s", version: "1" });\n'
        'server.registerTool("ping", { description: "Answer pong." }, async () => ({ content: [] }));\n' + more)
    return root


def test_tools_listed_beside_a_registration_it_cannot_list_are_rated_and_said_incomplete(tmp_path: Path) -> None:
    """A package that lists some tools while another registration's tool names are not known statically is
    rated on what was listed, with a `tool-list` errors[] entry naming the place, and the headline says the
    tool list may be incomplete (monday.com's toolkit: one literal tool, the rest registered from a parameter)."""
    from mcpvet.render.verdict import verdict

    root = _ping_server(tmp_path, 'export function addTool(name, description, handler) {\n'
                                  '    server.registerTool(name, { description }, handler);\n'
                                  '}\n')
    card = api.inspect(str(root), InspectOptions(offline=True))
    doc = json.loads(render_json(card))
    assert validation_errors(doc) == []
    assert [t["name"] for t in doc["tools"]] == ["ping"]
    assert doc["score"]["value"] is not None
    said = [e for e in doc["errors"] if e["stage"] == "tool-list"]
    assert len(said) == 1 and "index.js:5" in said[0]["message"]
    assert "the tool list may be incomplete" in verdict(card)


def test_a_complete_tool_list_is_not_said_incomplete(tmp_path: Path) -> None:
    doc = _card(_ping_server(tmp_path))
    assert [t["name"] for t in doc["tools"]] == ["ping"]
    assert not [e for e in doc["errors"] if e["stage"] == "tool-list"]
