"""Unit tests of the JavaScript frontend's parts: literals, limits, hostile files, rules."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from mcpvet.frontends.javascript import JavaScriptFrontend
from mcpvet.frontends.javascript.extract import extract_module
from mcpvet.frontends.javascript.frontend import analyse_modules
from mcpvet.frontends.javascript.parse import grammar_for
from mcpvet.model import FileRole, FrontendResult, Kind, Language, SourceFile, SourceTree
from mcpvet.options import AnalysisLimits, InspectOptions
from mcpvet.semgrep.runner import semgrep_binary
from mcpvet.sinks.javascript import lookup_global, lookup_module

RULES = Path(__file__).resolve().parents[3] / "semgrep-rules" / "javascript"


def _tree(root: Path, files: dict[str, str | bytes]) -> SourceTree:
    entries = []
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8") if isinstance(text, str) else text
        path.write_bytes(data)
        lang = Language.TYPESCRIPT if rel.endswith(".ts") else Language.JAVASCRIPT
        entries.append(SourceFile(rel, path, lang, FileRole.SOURCE, len(data)))
    return SourceTree(root=root, files=tuple(entries), name="t", version=None, languages=(Language.JAVASCRIPT,))


def _analyse(src: str) -> FrontendResult:
    """The frontend's answer for one file, index.js."""
    return analyse_modules([extract_module("index.js", "javascript", src.encode("utf-8"))], [])


def _description(src: str) -> str | None:
    result = _analyse(src)
    assert len(result.tools) == 1, result.errors
    return result.tools[0].description


@pytest.mark.parametrize(
    ("literal", "expected"),
    [
        (r'"a\u200Bb"', "a\u200bb"),
        (r'"\u{E0041}"', "\U000e0041"),
        (r'"\uDB40\uDC41"', "\U000e0041"),
        (r"'\x41\t\'q\''", "A\t'q'"),
        ('"line\\\ncontinued"', "linecontinued"),
        (r"`tpl ${'x'} \u0041`", "tpl x A"),
        (r'"${name} stays"', "${name} stays"),
        (r'"😀 literal"', "😀 literal"),
    ],
)
def test_string_escapes_are_decoded_exactly(literal: str, expected: str) -> None:
    src = f'const s = new McpServer({{}}); s.tool("t", {literal}, async () => ({{}}));'
    assert _description(src) == expected


def test_lone_surrogate_is_kept() -> None:
    assert _description(r's.tool("t", "x\uD800", async () => 1);') == "x\ud800"


def test_grammar_skips_declarations_and_maps() -> None:
    assert grammar_for("dist/index.d.ts") is None
    assert grammar_for("dist/index.js.map") is None
    assert grammar_for("src/a.tsx") == "tsx"
    assert grammar_for("lib/a.cjs") == "javascript"


def test_sink_table() -> None:
    assert lookup_module("node:child_process", ("execSync",)) == (Kind.PROCESS,)
    assert lookup_module("fs", ("promises", "readFile")) == (Kind.FS_READ,)
    assert lookup_module("fs/promises", ("writeFile",)) == (Kind.FS_WRITE,)
    assert lookup_module("fs", ("constants",)) == ()
    assert lookup_module("axios", ()) == (Kind.NETWORK,)
    assert lookup_module("@aws-sdk/client-s3", ("S3Client",)) == (Kind.NETWORK,)
    assert set(lookup_module("puppeteer", ("launch",))) == {Kind.NETWORK, Kind.PROCESS}
    assert lookup_module("path", ("join",)) == ()
    # node-fetch's default export is fetch: `(await fetch(u)).text()` reads the answer, it sends nothing
    assert lookup_module("node-fetch", ()) == (Kind.NETWORK,)
    assert lookup_module("node-fetch", ("default", "text")) == ()
    assert lookup_module("node-fetch", ("json",)) == ()
    assert lookup_module("axios", ("get",)) == (Kind.NETWORK,)
    # a listener added to (or taken from) an object a module made sends, reads and starts nothing; the
    # object's own making and its other methods still count
    assert lookup_module("http", ("createServer", "on")) == ()
    assert lookup_module("node:child_process", ("spawn", "stdout", "on")) == ()
    assert lookup_module("fs", ("createReadStream", "once")) == ()
    assert lookup_module("ws", ("default", "removeAllListeners")) == ()
    assert lookup_module("http", ("createServer", "listen")) == (Kind.NETWORK,)
    # a method of what a read answered reads nothing more (z_ai's `readFileSync(p).toString("base64")`)
    assert lookup_module("fs", ("readFileSync", "toString")) == () and lookup_module("fs", ("readFileSync",)) == (
        Kind.FS_READ,)
    assert lookup_module("fs", ("createWriteStream", "write")) == (Kind.FS_WRITE,)
    # a test of a string or a table of the module connects to nothing (testsprite's `net.isIP(host)`)
    assert lookup_module("node:net", ("isIP",)) == () and lookup_module("net", ("default", "isIPv4")) == ()
    assert lookup_module("tls", ("getCiphers",)) == () and lookup_module("http", ("STATUS_CODES",)) == ()
    assert lookup_module("net", ("connect",)) == (Kind.NETWORK,) and lookup_module("tls", ("connect",)) == (Kind.NETWORK,)
    assert lookup_module("node:child_process", ("spawn",)) == (Kind.PROCESS,)
    assert lookup_module("socket.io-client", ("default", "emit")) == (Kind.NETWORK,)
    assert lookup_global("eval") == (Kind.CODE_EXEC,)
    assert lookup_global("parseInt") == ()
    # the output of a program that has run (`execFileSync(…).toString()`) starts nothing; the call does
    assert lookup_module("node:child_process", ("execFileSync", "toString")) == ()
    assert lookup_module("child_process", ("execSync", "toString", "split")) == ()
    assert lookup_module("child_process", ("spawnSync", "stdout")) == ()
    assert lookup_module("child_process", ("execFileSync",)) == (Kind.PROCESS,)
    assert lookup_module("child_process", ("spawn", "kill")) == (Kind.PROCESS,)


def test_a_programs_output_is_no_second_start() -> None:
    """`adb(...args)` returns execFileSync's output and callers read it (`this.adb("shell", "wm", "size")
    .toString()`): one start, in the helper, not one more at every caller's `.toString()`."""
    src = (
        'const cp = require("child_process");\n'
        'class Robot {\n'
        '  adb(...args) { return cp.execFileSync("adb", ["-s", "x", ...args]); }\n'
        '  size() { return this.adb("shell", "wm", "size").toString().trim(); }\n'
        '}\n'
        'const s = new McpServer({});\n'
        's.tool("size", "Screen size", async () => new Robot().size());\n'
    )
    (tool,) = _analyse(src).tools
    starts = [(e.location.line, e.sink) for c in tool.capabilities if c.kind is Kind.PROCESS for e in c.evidence]
    assert starts == [(3, "child_process.execFileSync")]


def test_oversize_file_is_an_error_not_a_silent_skip(tmp_path: Path) -> None:
    tree = _tree(tmp_path, {"big.js": "// " + "x" * 2000 + "\n", "ok.js": "s.tool('a', async () => 1);"})
    options = InspectOptions(limits=AnalysisLimits(max_source_file_bytes=1000))
    result = JavaScriptFrontend().analyze(tree, [], options)
    assert [t.name for t in result.tools] == ["a"]
    assert any(e.path == "big.js" and "over the limit" in e.message for e in result.errors)


def test_deep_nesting_does_not_crash(tmp_path: Path) -> None:
    deep = "const x = " + "[" * 20000 + "]" * 20000 + ";\n"
    tree = _tree(tmp_path, {"deep.js": deep, "ok.js": "s.tool('a', 'A.', async () => 1);"})
    result = JavaScriptFrontend().analyze(tree, [], InspectOptions())
    assert [t.name for t in result.tools] == ["a"]
    assert any(e.path == "deep.js" for e in result.errors), result.errors


def test_minified_bundle_is_bounded(tmp_path: Path) -> None:
    unit = (
        "var a{i}=function(e,t){{return e+t}},b{i}=function(e){{return a{i}(e,1)}};"
        "function c{i}(e){{return require('fs').readFileSync(e,'utf8')+b{i}(2)}}"
    )
    bundle = "".join(unit.format(i=i) for i in range(2500)) + "s.tool('read',function(e){return c7(e)});"
    assert len(bundle) > 250_000
    tree = _tree(tmp_path, {"dist/bundle.min.js": bundle})
    started = time.perf_counter()
    result = JavaScriptFrontend().analyze(tree, [], InspectOptions())
    elapsed = time.perf_counter() - started
    assert [t.name for t in result.tools] == ["read"]
    assert {c.kind for c in result.tools[0].capabilities} == {Kind.FS_READ}
    assert elapsed < 30, elapsed


def test_unresolved_calls_are_counted_per_tool(tmp_path: Path) -> None:
    src = (
        "const helpers = require('./helpers');\n"
        "s.tool('a', 'A.', async () => { mystery(); helpers.missing(); return 1; });\n"
    )
    tree = _tree(tmp_path, {"index.js": src, "helpers.js": "exports.present = () => 1;"})
    result = JavaScriptFrontend().analyze(tree, [], InspectOptions())
    tool = result.tools[0]
    assert "mystery" in tool.unresolved_calls and "helpers.js:helpers.missing" in tool.unresolved_calls  # named by its file
    assert result.stats["unresolved_calls"] >= 2


@pytest.mark.skipif(semgrep_binary() is None, reason="semgrep not installed")
def test_semgrep_rule_fixtures() -> None:
    proc = subprocess.run(
        [str(semgrep_binary()), "--test", "--metrics=off", "--disable-version-check", str(RULES)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "All tests passed" in proc.stdout + proc.stderr


@pytest.mark.skipif(semgrep_binary() is None, reason="semgrep not installed")
def test_rules_load_in_the_native_engine() -> None:
    """The runner uses `semgrep scan --experimental`, whose YAML reader is stricter (no aliases)."""
    targets = sorted(str(p) for p in RULES.rglob("*") if p.suffix in (".js", ".ts"))
    proc = subprocess.run(
        [str(semgrep_binary()), "scan", "--experimental", "--metrics=off", "--disable-version-check", "--json", "--quiet",
         "--config", str(RULES), "--", *targets],
        capture_output=True,
        text=True,
        timeout=300,
    )
    import json

    doc = json.loads(proc.stdout)
    assert not doc["errors"], doc["errors"][:3]
    fired = {r["check_id"].rsplit(".", 1)[-1] for r in doc["results"]}
    rule_ids = {p.stem for p in RULES.rglob("*.yaml")}
    assert fired == rule_ids, rule_ids - fired


def test_tools_from_object_values_of_a_namespace(tmp_path: Path) -> None:
    defs = (
        "import { exec } from 'node:child_process';\n"
        "export const a = { name: 'a', description: 'A.', run: () => 1 };\n"
        "export const b = { name: 'b', description: 'B.', run: () => exec('ls') };\n"
    )
    index = (
        "import * as defs from './defs.js';\n"
        "for (const d of Object.values(defs)) server.tool(d.name, d.description, async () => d.run());\n"
    )
    tree = _tree(tmp_path, {"defs.js": defs, "index.js": index})
    result = JavaScriptFrontend().analyze(tree, [], InspectOptions())
    got = {t.name: (t.description, sorted(k.value for k in t.capability_kinds)) for t in result.tools}
    assert got == {"a": ("A.", []), "b": ("B.", ["process"])}


def test_calls_on_parameters_resolve_per_call_site(tmp_path: Path) -> None:
    src = (
        "const axios = require('axios');\n"
        "const fs = require('fs');\n"
        "const http = axios.create({ baseURL: 'https://api.example' });\n"
        "async function lookup(client, { id }) { return (await client.get('/x/' + id)).data; }\n"
        "function apply(fn, x) { return fn(x); }\n"
        "function readIt(p) { return fs.readFileSync(p, 'utf8'); }\n"
        "s.tool('lookup', 'Look up.', async (args) => lookup(http, args));\n"
        "s.tool('read', 'Read.', async ({ p }) => apply(readIt, p));\n"
        "s.tool('pure', 'Pure.', async ({ x }) => apply((v) => v * 2, x));\n"
    )
    tree = _tree(tmp_path, {"index.js": src})
    result = JavaScriptFrontend().analyze(tree, [], InspectOptions())
    got = {t.name: sorted(k.value for k in t.capability_kinds) for t in result.tools}
    assert got["lookup"] == ["network"]
    assert got["read"] == ["fs_read"]
    # functions passed in stay with their caller (arg edges), not a union over `apply`'s call sites
    assert got["pure"] == []


@pytest.mark.parametrize(
    ("path", "src"),
    [
        ("index.ts", 'enum ToolName { ECHO = "echo", ADD = "add", N }\n'
                     'server.tool(ToolName.ECHO, "Echo.", async () => 1);\n'
                     'server.tool(ToolName.ADD, "Add.", async () => 1);\n'),
        ("index.js", 'var ToolName;\n(function (ToolName) {\n    ToolName["ECHO"] = "echo";\n'
                     '    ToolName["ADD"] = "add";\n    ToolName[ToolName["N"] = 0] = "N";\n'
                     '})(ToolName || (ToolName = {}));\n'
                     'server.tool(ToolName.ECHO, "Echo.", async () => 1);\n'
                     'server.tool(ToolName.ADD, "Add.", async () => 1);\n'),
    ],
)
def test_tool_names_from_enums(tmp_path: Path, path: str, src: str) -> None:
    tree = _tree(tmp_path, {path: src})
    result = JavaScriptFrontend().analyze(tree, [], InspectOptions())
    assert sorted(t.name for t in result.tools) == ["add", "echo"], result.errors


def _errors(src: str) -> list[str]:
    module = extract_module("index.js", "javascript", src.encode("utf-8"))
    return [e.message for e in analyse_modules([module], []).errors]


def test_tools_that_cannot_be_resolved_are_reported_not_dropped() -> None:
    # a ListTools element and a FastMCP addTools element that are not objects known statically
    low = _errors(
        'import { Server } from "@modelcontextprotocol/sdk/server/index.js";\n'
        'import { ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";\n'
        'import { remoteTool } from "some-registry";\n'
        'const server = new Server({ name: "s", version: "1" });\n'
        'const TOOLS = [{ name: "local", description: "A local tool.", inputSchema: {} }, remoteTool()];\n'
        "server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: TOOLS }));\n"
    )
    assert any("line 6: a tool listed by the ListTools handler is not known statically" in m
               and "written at index.js:5" in m for m in low), low
    fast = _errors(
        'import { FastMCP } from "fastmcp";\n'
        'import { loadTool } from "./loader.js";\n'
        'const server = new FastMCP({ name: "s", version: "1" });\n'
        "server.addTools([loadTool()]);\n"
    )
    assert any("line 4: server.addTools() adds a tool that is not known statically" in m for m in fast), fast


def test_taint_memo_never_answers_for_a_node_that_reuses_a_freed_nodes_id() -> None:
    """A `Call` made for one question and then freed must not hand its answer to the next node
    allocated at the same address (that made a data flow depend on the allocator: runs of the same
    package differed)."""
    from mcpvet.frontends.javascript.ir import Call, Id, Node
    from mcpvet.frontends.javascript.taint import _memoised

    memo: dict = {}
    answers = []
    for n in range(200):  # freed and made again: the same address comes back at once in CPython
        node = Call(Id(f"f{n}", "s"), (), "fid", n)

        def compute(ir: Node, _depth: int, n: int = n) -> frozenset[str]:
            return frozenset({f"answer-{n}"})

        answers.append(_memoised(memo, node, 0, compute))
        del node
    assert answers == [frozenset({f"answer-{n}"}) for n in range(200)]


def test_a_change_under_an_undecided_test_keeps_the_codes_own_text_first() -> None:
    """`if (isN8nClient) tools = friendly(tools)`: the client is known only at run time, so both lists
    may be served; a listing that shows one text per tool shows the code's own, not the special case's
    (n8n-mcp's tools_documentation)."""
    src = (
        'const { Server } = require("@modelcontextprotocol/sdk/server/index.js");\n'
        'const { ListToolsRequestSchema } = require("@modelcontextprotocol/sdk/types.js");\n'
        'const TOOLS = [{ name: "docs", description: "Get documentation.", inputSchema: { type: "object" } }];\n'
        'function friendly(tools) { return tools.map(t => ({ ...t, description: "Short docs." })); }\n'
        'class S {\n'
        '  constructor() { this.server = new Server({ name: "s", version: "1" }, { capabilities: { tools: {} } }); }\n'
        '  setup() {\n'
        '    this.server.setRequestHandler(ListToolsRequestSchema, async () => {\n'
        '      let tools = [...TOOLS];\n'
        '      const special = this.clientInfo?.name?.includes("n8n");\n'
        '      if (special) {\n'
        '        tools = friendly(tools);\n'
        '      }\n'
        '      return { tools };\n'
        '    });\n'
        '  }\n'
        '}\n'
        'new S().setup();\n'
    )
    result = _analyse(src)
    assert [(t.name, t.description) for t in result.tools] == [("docs", "Get documentation.")], result.errors


def test_a_variable_reassigned_many_times_is_read_in_order_only_up_to_a_bound() -> None:
    """server-filesystem's normalizePath reassigns its parameter under one `if` after another; each step
    read in order holds the one before it up to three times, so past `MAX_STEPS` the variable is read as
    one never reassigned (its first value), not as a value too deeply nested to evaluate."""
    steps = "".join(f'  if (p.startsWith("{i}")) {{ p = p.slice(1) + p.charAt(0); }}\n' for i in range(8))
    src = (
        'const fs = require("fs");\n'
        f'function norm(p) {{\n  p = p.trim();\n{steps}  return p;\n}}\n'
        'const s = new McpServer({});\n'
        's.tool("read", "Read a file", async (a) => fs.readFileSync(norm(norm(a.path))));\n'
    )
    result = _analyse(src)
    assert [t.name for t in result.tools] == ["read"]
    assert not [e for e in result.errors if "nesting too deep" in e.message], result.errors
