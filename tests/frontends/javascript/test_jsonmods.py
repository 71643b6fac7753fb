"""JSON files loaded as modules are their documents: small regular files of the package only."""

from __future__ import annotations

from pathlib import Path

from mcpvet.frontends.javascript.extract import extract_module
from mcpvet.frontends.javascript.frontend import analyse_modules
from mcpvet.frontends.javascript.jsonmods import MAX_JSON_BYTES, JsonModules, json_files

SRC = """
const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const server = new McpServer({ name: "t", version: "1" });
const defs = require(%r);
for (const d of defs.tools) server.tool(d.name, d.description, async () => ({ content: [] }));
"""


def _tools(tmp_path: Path, spec: str, files: dict[str, str]) -> tuple[list[tuple[str, str | None]], list[str]]:
    on_disk: dict[str, tuple[Path, int]] = {}
    for rel, text in files.items():
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
        on_disk[rel] = (p, p.stat().st_size)
    module = extract_module("lib/index.js", "javascript", (SRC % spec).encode("utf-8"))
    result = analyse_modules([module], [], json_modules=JsonModules(json_files(on_disk)))
    return sorted((t.name, t.description) for t in result.tools), [e.message for e in result.errors]


DOC = '{"tools": [{"name": "b", "description": "B."}, {"name": "a", "description": "A \\u00e9."}]}'


def test_a_required_json_file_is_its_document(tmp_path: Path) -> None:
    assert _tools(tmp_path, "./defs.json", {"lib/defs.json": DOC})[0] == [("a", "A é."), ("b", "B.")]
    assert _tools(tmp_path, "../data/defs.json", {"data/defs.json": DOC})[0] == [("a", "A é."), ("b", "B.")]


def test_a_json_file_not_in_the_package_or_too_large_or_invalid_is_unknown(tmp_path: Path) -> None:
    for spec, files in [
        ("./other.json", {"lib/defs.json": DOC}),
        ("../../defs.json", {"lib/defs.json": DOC}),
        ("./defs.json", {"lib/defs.json": "{not json"}),
        ("./defs.json", {"lib/defs.json": DOC[:-1] + ', "pad": "' + "x" * MAX_JSON_BYTES + '"}'}),
    ]:
        names, errors = _tools(tmp_path, spec, files)
        assert names == [], spec
        assert any("not known statically" in e for e in errors), (spec, errors)
