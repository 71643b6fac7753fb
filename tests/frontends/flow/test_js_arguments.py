"""The tool arguments, followed in JavaScript: a call's result used inside one branch of a switch
(`case "read_a": { const full = resolvePath(args.file); … }`: the branch is a function of its own whose
id holds `#`), the arguments checked by zod's `safeParse` (`parsed.data.path` is the `path` argument),
and by a schema's `parse` the analysis cannot name (a bundled zod): the path still starts with them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.frontends.flow.test_data_from import _card, _evidence

JS = """
const { Server } = require("@modelcontextprotocol/sdk/server/index.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { ListToolsRequestSchema, CallToolRequestSchema } = require("@modelcontextprotocol/sdk/types.js");
const fs = require("fs/promises");
const path = require("path");

function resolvePath(p) { return path.join("/srv", p); }
function fixedPath(p) { return path.join("/srv", "index.md"); }

const file = { type: "object", properties: { file: { type: "string" } } };
const server = new Server({ name: "j1", version: "1.0.0" }, { capabilities: { tools: {} } });
server.setRequestHandler(ListToolsRequestSchema, async () => ({
  tools: [
    { name: "read_a", description: "Read a note.", inputSchema: file },
    { name: "read_b", description: "Read a note.", inputSchema: file },
    { name: "read_c", description: "Read a note.", inputSchema: file },
  ],
}));
server.setRequestHandler(CallToolRequestSchema, async (request) => {
  const args = request.params.arguments;
  switch (request.params.name) {
    case "read_a": {
      const full = resolvePath(args.file);
      return { content: [{ type: "text", text: await fs.readFile(full, "utf8") }] };
    }
    case "read_b": {
      return { content: [{ type: "text", text: await fs.readFile(args.file, "utf8") }] };
    }
    case "read_c": {
      const full = fixedPath(args.file);
      return { content: [{ type: "text", text: await fs.readFile(full, "utf8") }] };
    }
  }
});
server.connect(new StdioServerTransport());
"""


@pytest.mark.parametrize(("tool", "control"), [("read_a", ["file"]), ("read_b", ["file"]), ("read_c", [])])
def test_a_call_result_read_in_a_switch_branch(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch, tool: str, control: list[str]) -> None:
    card = _card(tmp_path, capsys, monkeypatch, {"package.json": '{"name": "j1", "version": "1.0.0", "main": "index.js"}',
                                                 "index.js": JS})
    [read] = _evidence(card, tool, "fs_read")
    assert read.get("controlled_by") == control


PARSED = """
const { Server } = require("@modelcontextprotocol/sdk/server/index.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { ListToolsRequestSchema, CallToolRequestSchema } = require("@modelcontextprotocol/sdk/types.js");
const fs = require("fs/promises");
const path = require("path");
const { z } = require("zod");

const ReadArgs = z.object({ path: z.string(), data: z.string().optional() });
const file = { type: "object", properties: { path: { type: "string" }, data: { type: "string" } } };
const server = new Server({ name: "j2", version: "1.0.0" }, { capabilities: { tools: {} } });
server.setRequestHandler(ListToolsRequestSchema, async () => ({
  tools: ["read_a", "read_b", "read_c", "read_d"].map((name) => ({ name, description: "Read a note.", inputSchema: file })),
}));
server.setRequestHandler(CallToolRequestSchema, async (request) => {
  const { name, arguments: args } = request.params;
  if (name === "read_a") {
    const parsed = ReadArgs.safeParse(args);
    if (!parsed.success) throw new Error("bad");
    return { content: [{ type: "text", text: await fs.readFile(path.join("/srv", parsed.data.path), "utf8") }] };
  }
  if (name === "read_b") {
    const { data } = ReadArgs.safeParse(args);
    return { content: [{ type: "text", text: await fs.readFile(path.join("/srv", data.path), "utf8") }] };
  }
  if (name === "read_c") {  // an argument named `data`, read from the arguments themselves
    return { content: [{ type: "text", text: await fs.readFile(path.join("/srv", args.data), "utf8") }] };
  }
  if (name === "read_d") {
    const parsed = ReadArgs.safeParse(args);
    return { content: [{ type: "text", text: await fs.readFile(path.join("/srv", "index.md"), parsed.data.data) }] };
  }
});
server.connect(new StdioServerTransport());
"""


@pytest.mark.parametrize(("tool", "control"), [("read_a", ["path"]), ("read_b", ["path"]), ("read_c", ["data"]),
                                               ("read_d", [])])
def test_arguments_checked_by_safe_parse(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch, tool: str, control: list[str]) -> None:
    card = _card(tmp_path, capsys, monkeypatch, {"package.json": '{"name": "j2", "version": "1.0.0", "main": "index.js"}',
                                                 "index.js": PARSED})
    [read] = _evidence(card, tool, "fs_read")
    assert read.get("controlled_by") == control


BUNDLED = """
const { Server } = require("@modelcontextprotocol/sdk/server/index.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { ListToolsRequestSchema, CallToolRequestSchema } = require("@modelcontextprotocol/sdk/types.js");
const fs = require("fs");
const path = require("path");

const S = globalThis.bundledZod.object({ projectPath: globalThis.bundledZod.string() });
function ensure(params) { fs.appendFileSync(path.join(params.projectPath, ".gitignore"), "tmp/"); }
function ensureUnder(params) { fs.appendFileSync(path.join("/srv/projects", params.projectPath, ".gitignore"), "tmp/"); }
const file = { type: "object", properties: { projectPath: { type: "string" } } };
const server = new Server({ name: "j4", version: "1.0.0" }, { capabilities: { tools: {} } });
server.setRequestHandler(ListToolsRequestSchema, async () => ({
  tools: ["boot", "boot_under"].map((name) => ({ name, description: "Set up testing.", inputSchema: file })),
}));
server.setRequestHandler(CallToolRequestSchema, async (request) => {
  switch (request.params.name) {
    case "boot": {
      const args = S.parse(request.params.arguments);
      ensure(args);
      break;
    }
    case "boot_under": {
      const args = S.parse(request.params.arguments);
      ensureUnder(args);
      break;
    }
  }
  return { content: [] };
});
server.connect(new StdioServerTransport());
"""


@pytest.mark.parametrize(("tool", "traversal"), [("boot", False), ("boot_under", True)])
def test_a_schema_parse_keeps_the_start_of_the_path(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch, tool: str, traversal: bool) -> None:
    """The project folder the model gives is the start of the path: nothing fixed to escape from
    (`path-traversal` is for an argument joined under a base the package fixes)."""
    card = _card(tmp_path, capsys, monkeypatch, {"package.json": '{"name": "j4", "version": "1.0.0", "main": "index.js"}',
                                                 "index.js": BUNDLED})
    [write] = _evidence(card, tool, "fs_write")
    assert write.get("controlled_by") == ["projectPath"]
    found = [f for f in card["findings"] if f["rule"] == "path-traversal" and f.get("tool") == tool]
    assert bool(found) is traversal


LOOPS = """
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import fs from "node:fs";
import path from "node:path";

const server = new McpServer({ name: "j", version: "1.0.0" });
const ROOT = "/srv/notes";
server.tool("read_all", "Read notes.", { files: z.array(z.string()), path: z.string() }, async ({ files }) => {
  const out = [];
  for (const f of files) out.push(fs.readFileSync(f, "utf8"));
  return { content: [{ type: "text", text: out.join("\\\\n") }] };
});
server.tool("read_defaults", "Read notes.", { files: z.array(z.string()), path: z.string() }, async () => {
  const out = [];
  for (const [name, entry] of [["intro", { path: "intro.md" }], ["usage", { path: "usage.md" }]]) {
    out.push(name + fs.readFileSync(path.join(ROOT, entry.path), "utf8"));
  }
  return { content: [{ type: "text", text: out.join("\\\\n") }] };
});
"""


@pytest.mark.parametrize(("tool", "control"), [("read_all", ["files"]), ("read_defaults", [])])
def test_a_loop_variable_is_an_element_of_what_the_loop_runs_over(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        tool: str, control: list[str]) -> None:
    """`for (const f of files)`: `f` is made of `files`, not a parameter of its own (whose atom used to reach
    the tool as the whole arguments object, `*`, and whose `.path` was read as the tool's `path`)."""
    card = _card(tmp_path, capsys, monkeypatch, {"package.json": '{"name": "j", "version": "1.0.0", "main": "src/index.ts"}',
                                                 "src/index.ts": LOOPS})
    [read] = _evidence(card, tool, "fs_read")
    assert read.get("controlled_by") == control
