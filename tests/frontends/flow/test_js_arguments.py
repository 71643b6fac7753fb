"""The tool arguments, followed in JavaScript: a call's result used inside one branch of a switch
(`case "read_a": { const full = resolvePath(args.file); … }`: the branch is a function of its own whose
id holds `#`), and the arguments checked by zod's `safeParse` (`parsed.data.path` is the `path` argument)."""

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
