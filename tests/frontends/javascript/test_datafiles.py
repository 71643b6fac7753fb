"""Files the package ships, read by its code through constant paths (`datavalues`): their text, and JSON or YAML
documents as values; never a file outside the package, never YAML that builds objects, never a huge document."""

from __future__ import annotations

from pathlib import Path

import pytest

from mcpvet.datafiles import MAX_NODES, DataError, parse
from mcpvet.frontends.javascript.extract import extract_module
from mcpvet.frontends.javascript.frontend import analyse_modules
from mcpvet.model import FrontendResult

HEAD = """
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import yaml from "js-yaml";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
const server = new McpServer({ name: "t", version: "1" });
"""


def _analyse(tmp_path: Path, files: dict[str, str], src: str) -> FrontendResult:
    root = tmp_path / "pkg"
    for rel, text in {**files, "src/index.js": HEAD + src}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    module = extract_module("src/index.js", "javascript", (root / "src/index.js").read_bytes())
    return analyse_modules([module], [], root.as_posix())


LISTED = """
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
const low = new Server({ name: "t", version: "1" }, { capabilities: { tools: {} } });
low.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: TOOLS }));
"""
LOOP = 'for (const t of TOOLS) server.registerTool(t.name, { description: t.description }, async () => ({ content: [] }));'


@pytest.mark.parametrize(("files", "load"), [
    ({"tools.json": '[{"name": "a", "description": "A."}, {"name": "b", "description": "B."}]'},
     'const TOOLS = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "tools.json"), "utf8"));'),
    ({"src/tools.json": '[{"name": "a", "description": "A."}, {"name": "b", "description": "B."}]'},
     'import TOOLS from "./tools.json" with { type: "json" };'),
    ({"data/t.yaml": "- name: a\n  description: A.\n- name: b\n  description: B.\n"},
     'const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../data");\n'
     'const TOOLS = yaml.load(fs.readFileSync(path.join(dir, "t.yaml"), "utf8"));'),
    ({"src/t.yml": "- name: a\n  description: A.\n- name: b\n  description: B.\n"},
     'const TOOLS = yaml.load(fs.readFileSync(new URL("./t.yml", import.meta.url), "utf8"));'),
])
def test_tools_from_a_data_file(tmp_path: Path, files: dict[str, str], load: str) -> None:
    result = _analyse(tmp_path, files, load + "\n" + LOOP)
    assert sorted((t.name, t.description) for t in result.tools) == [("a", "A."), ("b", "B.")], result.errors


def test_a_description_read_from_a_text_file(tmp_path: Path) -> None:
    src = ('server.registerTool("x", { description: fs.readFileSync(path.join(__dirname, "x.md"), "utf8") }, '
           'async () => ({ content: [] }));')
    result = _analyse(tmp_path, {"src/x.md": "Does x.\n"}, src)
    assert [(t.name, t.description) for t in result.tools] == [("x", "Does x.\n")]


@pytest.mark.parametrize(("files", "load", "why"), [
    # a path leaving the package: never read
    ({}, 'const TOOLS = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "tools.json"), "utf8"));',
     "outside the package"),
    # YAML tags that build objects: refused by the safe loader, whatever loader the code names
    ({"src/t.yaml": "- !!python/object/apply:os.system ['id']\n"},
     'const TOOLS = yaml.load(fs.readFileSync(path.join(__dirname, "t.yaml"), "utf8"));', "does not parse"),
    # a file the package does not ship
    ({}, 'const TOOLS = JSON.parse(fs.readFileSync(path.join(__dirname, "none.json"), "utf8"));', "could not be read"),
])
def test_what_cannot_be_read_stays_unknown(tmp_path: Path, files: dict[str, str], load: str, why: str) -> None:
    result = _analyse(tmp_path, files, load + "\n" + LISTED)
    assert result.tools == ()
    assert any("not known statically" in e.message and why in e.message for e in result.errors), result.errors


def test_a_link_out_of_the_package_is_not_followed(tmp_path: Path) -> None:
    secret = tmp_path / "secret.json"
    secret.write_text('[{"name": "leak", "description": "L."}]')
    result_root = tmp_path / "pkg" / "src"
    result_root.mkdir(parents=True)
    (result_root / "tools.json").symlink_to(secret)
    result = _analyse(tmp_path, {}, 'const TOOLS = JSON.parse(fs.readFileSync(path.join(__dirname, "tools.json")));\n'
                      + LOOP)
    assert result.tools == ()


def test_shared_parser_limits() -> None:
    with pytest.raises(DataError, match="more than"):
        parse("a: &x [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n" + "".join(
            f"b{i}: &y{i} [*{'x' if i == 0 else f'y{i - 1}'}, *{'x' if i == 0 else f'y{i - 1}'}]\n" for i in range(20)),
              "yaml")
    assert parse('{"a": [1, 2]}', "json") == {"a": [1, 2]}
    assert MAX_NODES > 1000


OPENAPI = ('{"openapi": "3.0.0", "info": {"title": "Pets"}, "paths": {"/pets": {"get": {"operationId": "listPets"}},'
           ' "/pets/{id}": {"get": {"operationId": "getPet"}, "parameters": []}}}')
CONVERTED = """
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
class Converter {
  constructor(spec) { this.spec = spec; }
  convert() {
    const out = [];
    for (const [p, item] of Object.entries(this.spec.paths)) {
      for (const [m, op] of Object.entries(item)) { if (m !== "parameters") out.push(this.one(op, m, p)); }
    }
    return out;
  }
  one(op, m, p) { return { name: "api-" + op.operationId, description: m + " " + p, inputSchema: { type: "object" } }; }
}
function load(specPath) { return JSON.parse(fs.readFileSync(path.resolve(process.cwd(), specPath), "utf-8")); }
function start(specPath) {
  const tools = new Converter(load(specPath)).convert();
  const low = new Server({ name: "t", version: "1" }, { capabilities: { tools: {} } });
  low.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: tools.map((t) => ({ ...t, name: t.name })) }));
}
start(path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../spec/openapi.json"));
"""


def test_tools_built_from_a_data_file_by_code_not_followed_name_the_file(tmp_path: Path) -> None:
    """A converter over an OpenAPI document's operations (the class made once, its constructor given the
    document the one call of `start` reads): its tools are the document's operations, none invented; the
    entry its `if` skips is said in errors[], and errors[] names the document the code reads, what it holds
    and where it is read."""
    result = _analyse(tmp_path, {"spec/openapi.json": OPENAPI}, CONVERTED)
    assert sorted((t.name, t.description) for t in result.tools) == [
        ("api-getPet", "get /pets/{id}"), ("api-listPets", "get /pets")]
    assert any("has a name not known statically" in e.message for e in result.errors)
    [note] = [e for e in result.errors if "reads data files it ships" in e.message]
    assert "spec/openapi.json (an OpenAPI document with 2 operations (listPets, getPet); read at src/index.js:" \
        in note.message
    assert "not reported" in note.message


MANIFESTS = {
    "manifests/tools/a.yaml": "id: a\nmodule: tools/a\nnames: {mcp: a}\ndescription: A.\n",
    "manifests/tools/b.yaml": "id: b\nmodule: tools/b\nnames: {mcp: b}\ndescription: B.\n",
    "config/x.json": '{"level": 1}',
    "config/y.json": '{"level": 2}',
}
LISTED_FOLDER = """
function loadYamlFiles(dir) {
  const out = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".yaml"))) {
    out.push({ ...yaml.load(fs.readFileSync(path.join(dir, file), "utf8")), _file: file });
  }
  return out;
}
function packageRoot() {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, "package.json"))) dir = path.dirname(dir);
  return dir;
}
export async function start(dir) {
  for (const m of loadYamlFiles(dir)) {
    const mod = await import(path.join(packageRoot(), "dist", `${m.module}.js`));
    server.registerTool(m.names.mcp, { description: m.description, inputSchema: mod.schema }, mod.handler);
  }
}
"""


@pytest.mark.parametrize(("start", "folder"), [
    ('start(path.join(process.cwd(), "manifests", "tools"));', "a folder not known statically"),
    ('start(path.join(packageRoot(), "manifests", "tools"));', "src/manifests/tools is no folder of the package"),
    ('start(path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "manifests", "tools"));',
     "the folder manifests/tools"),
])
def test_tools_declared_in_a_listed_folder_of_data_files_name_the_folder(tmp_path: Path, start: str,
                                                                          folder: str) -> None:
    """Tool manifests the code lists from a folder (`readdirSync`), reads and registers one tool each,
    by names the evaluator does not follow: no tool is invented; errors[] names the listing, and the folders
    of data files whose documents have a description and a name (never the folder of other data)."""
    result = _analyse(tmp_path, MANIFESTS, LISTED_FOLDER + start)
    assert result.tools == ()
    [note] = [e for e in result.errors if "lists from a folder and reads" in e.message]
    assert "reads (src/index.js:11: " in note.message and folder in note.message, note.message
    assert "manifests/tools (2 YAML files, the first with the keys id, module, names, description)" in note.message
    assert "config" not in note.message and "not reported" in note.message


def test_a_listed_folder_is_not_named_when_the_tools_are_listed(tmp_path: Path) -> None:
    """The benign twin: the same folder listing, tools registered by constant names: nothing to explain."""
    src = LISTED_FOLDER.replace("server.registerTool(m.names.mcp,", "void (m,") + \
        'server.registerTool("c", { description: "C." }, async () => ({ content: [] }));'
    result = _analyse(tmp_path, MANIFESTS, src + 'start(path.join(packageRoot(), "manifests", "tools"));')
    assert [t.name for t in result.tools] == ["c"]
    assert not [e for e in result.errors if "lists from a folder" in e.message]
