"""`x.startswith(prefix)` is a path containment check when the prefix pins a folder (a root the server is
given, `/srv/notes/`), not when it only tells the form of a path (`~/` to expand, `/`, `.`), in both
frontends (`analysis.prefixes`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mcpvet.analysis.prefixes import pins_a_folder
from tests.frontends.flow.test_data_from import _card, _evidence


@pytest.mark.parametrize(("prefix", "pins"), [
    (None, True), ("/srv/notes/", True), ("/srv", True), ("~/notes", True), ("./data", True), ("data/", True),
    ("C:\\data\\", True),
    ("..", True), ("../", True),  # `path.relative(root, p).startsWith("..")`: the way out of the root
    ("/", False), ("~/", False), ("~", False), (".", False), ("./", False), ("C:\\", False),
    ("http", False), ("https://", False), ("data", False), ("", False),
])
def test_pins_a_folder(prefix: str | None, pins: bool) -> None:
    assert pins_a_folder(prefix) is pins


PY = '''
import os
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("p")
ROOT = os.environ.get("NOTES_ROOT", "/srv/notes")


@mcp.tool()
def read_home(path: str) -> str:
    """Read a note."""
    if path.startswith("~/"):
        path = os.path.join(os.path.expanduser("~"), path[2:])
    return open(os.path.join(ROOT, path)).read()


@mcp.tool()
def read_root(path: str) -> str:
    """Read a note."""
    full = os.path.realpath(os.path.join(ROOT, path))
    if not full.startswith(ROOT + os.sep):
        raise ValueError(path)
    return open(full).read()


@mcp.tool()
def read_constant(path: str) -> str:
    """Read a note."""
    full = os.path.realpath(os.path.join(ROOT, path))
    if not full.startswith("/srv/notes/"):
        raise ValueError(path)
    return open(full).read()
'''

TS = '''
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import fs from "node:fs";
import path from "node:path";
import os from "node:os";

const server = new McpServer({ name: "j", version: "1.0.0" });
const ROOT = process.env.NOTES_ROOT ?? "/srv/notes";

server.tool("read_home", "Read a note.", { path: z.string() }, async ({ path: p }) => {
  const full = p.startsWith("~/") ? path.join(os.homedir(), p.slice(2)) : path.join(ROOT, p);
  return { content: [{ type: "text", text: fs.readFileSync(full, "utf8") }] };
});
server.tool("read_root", "Read a note.", { path: z.string() }, async ({ path: p }) => {
  const full = path.resolve(ROOT, p);
  if (!full.startsWith(ROOT + path.sep)) throw new Error("outside");
  return { content: [{ type: "text", text: fs.readFileSync(full, "utf8") }] };
});
server.tool("read_constant", "Read a note.", { path: z.string() }, async ({ path: p }) => {
  const full = path.resolve(ROOT, p);
  if (!full.startsWith("/srv/notes/")) throw new Error("outside");
  return { content: [{ type: "text", text: fs.readFileSync(full, "utf8") }] };
});
'''


@pytest.fixture(params=["python", "typescript"])
def card(request: pytest.FixtureRequest, tmp_path: Path, capsys: pytest.CaptureFixture[str],
         monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    if request.param == "python":
        files = {"pyproject.toml": '[project]\nname = "p"\nversion = "1.0.0"\n', "src/p/server.py": PY}
    else:
        files = {"package.json": '{"name": "j", "version": "1.0.0", "main": "src/index.ts"}', "src/index.ts": TS}
    return _card(tmp_path, capsys, monkeypatch, files)


@pytest.mark.parametrize(("tool", "control"), [("read_home", ["path"]), ("read_root", []), ("read_constant", [])])
def test_a_form_test_is_no_containment_check(card: dict[str, object], tool: str, control: list[str]) -> None:
    [read] = _evidence(card, tool, "fs_read")  # type: ignore[arg-type]
    assert read.get("controlled_by") == control
