"""javascript-obfuscator string arrays read as data (`stringarray`), and the note of a package whose own
registrations name tools not known statically (no "may proxy a remote server" for its use of the client)."""

from __future__ import annotations

import json
import math
from pathlib import Path

from mcpvet.discover import discover
from mcpvet.frontends.javascript import JavaScriptFrontend
from mcpvet.frontends.javascript.stringarray import decode_string_arrays, js_parse_int
from mcpvet.options import InspectOptions

CASES = Path(__file__).resolve().parents[2] / "cases" / "javascript" / "registration"


def test_parse_int_as_the_engine() -> None:
    assert js_parse_int("2563700fzLWpX") == 2563700
    assert js_parse_int("  -12ab") == -12
    assert js_parse_int("0x1fzz") == 31
    assert math.isnan(js_parse_int("edit_file"))
    assert math.isnan(js_parse_int(""))


def _obfuscated(strings: list[str], offset: int, check: str, target: int, uses: str) -> bytes:
    arr = ",".join(json.dumps(s).replace('"', "'") for s in strings)
    return (
        "const a0_0xa=a0_0xd;"
        f"function a0_0xs(){{const _0x1=[{arr}];a0_0xs=function(){{return _0x1;}};return a0_0xs();}}"
        f"function a0_0xd(_0x2,_0x3){{_0x2=_0x2-{offset:#x};const _0x4=a0_0xs();let _0x5=_0x4[_0x2];return _0x5;}}"
        "(function(_0x6,_0x7){const _0x8=a0_0xd,_0x9=_0x6();while(!![]){try{const _0xb="
        f"{check};if(_0xb===_0x7)break;else _0x9['push'](_0x9['shift']());}}catch(_0xc){{_0x9['push'](_0x9['shift']());}}}}}}"
        f"(a0_0xs,{target:#x}));\n{uses}\n"
    ).encode()


def test_rotation_found_and_calls_written_back() -> None:
    # as written, the array is rotated by one: the check holds once "12x" is first (parseInt 12 * 2 = 24)
    source = _obfuscated(["edit_note", "12x", "description"], 0x10, "parseInt(_0x8(0x10))*0x2", 24,
                         "function f(){const _0xe=a0_0xa;return {name:_0xe(0x12),d:a0_0xa(0x11),o:x.a0_0xa(0x12)};}")
    decoded = decode_string_arrays(source)
    assert decoded.failure == ""
    text = decoded.source.decode()
    assert 'name:"edit_note"' in text and 'd:"description"' in text
    assert "x.a0_0xa(0x12)" in text  # a method of another object is not the decoder
    assert decoded.replaced == 3  # with the one in the rotation check
    assert text.count("\n") == source.decode().count("\n")  # lines kept


def test_no_rotation_passes_is_said() -> None:
    source = _obfuscated(["a", "b"], 0, "parseInt(_0x8(0x0))", 7, "a0_0xa(0x0);")
    decoded = decode_string_arrays(source)
    assert decoded.replaced == 0 and decoded.source == source
    assert "no rotation of the string array a0_0xs() passes its check" in decoded.failure


def test_ordinary_code_untouched() -> None:
    source = b"while(!![]){const n=parseInt(x)/0x2;if(n)break;}function g(){const a=['x'];return a;}"
    assert decode_string_arrays(source) == decode_string_arrays(source)
    assert decode_string_arrays(source).source == source
    assert decode_string_arrays(source).failure == ""


def test_encoded_array_is_an_error_not_silence() -> None:
    case = CASES / "obfuscated-string-array-other"
    tree, _ = discover(case, name_hint=case.name)
    result = JavaScriptFrontend().analyze(tree, (), InspectOptions())
    assert not result.tools
    said = [e for e in result.errors if e.message.startswith("obfuscated (javascript-obfuscator string array)")]
    assert {e.path for e in said} == {"dist/index.js", "dist/tool-names.js"}


def test_unnamed_own_registration_is_no_proxy(tmp_path: Path) -> None:
    root = tmp_path / "pkg"
    (root / "dist").mkdir(parents=True)
    (root / "package.json").write_text(json.dumps({
        "name": "p", "version": "1.0.0", "type": "module", "main": "dist/index.js",
        "dependencies": {"@modelcontextprotocol/sdk": "^1.32.2"}}))
    (root / "dist" / "index.js").write_text(
        'import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";\n'
        'import { Client } from "@modelcontextprotocol/sdk/client/index.js";\n'
        'import { loadManifest } from "./manifest.js";\n'
        'export const probe = new Client({ name: "probe", version: "1" });\n'
        'const server = new McpServer({ name: "p", version: "1" });\n'
        'for (const t of loadManifest()) {\n'
        '  server.registerTool(t.names.mcp, { description: t.description }, async () => ({ content: [] }));\n'
        '}\n')
    (root / "dist" / "manifest.js").write_text(
        'import fs from "node:fs";\n'
        'export function loadManifest() { return fs.readdirSync(process.cwd()).map((f) => JSON.parse(f)); }\n')
    tree, _ = discover(root, name_hint="p")
    result = JavaScriptFrontend().analyze(tree, (), InspectOptions())
    assert not result.tools
    assert any("registers a tool whose name is not known statically" in e.message for e in result.errors), result.errors
    assert not any("may proxy a remote MCP server" in e.message for e in result.errors), result.errors
