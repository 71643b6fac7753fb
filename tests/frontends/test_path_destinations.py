"""Constant destinations of file sinks built from the user's folders (issue 12): Python's
`Path.home() / ...`, `os.path.join(os.path.expanduser("~"), ...)`, platformdirs, `tempfile.gettempdir()`
and a helper's returned path; JavaScript's `path.join(os.homedir(), ...)`, `os.tmpdir()` and what an
(async) function of the package returns."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.support.cli import run_cli

PY = '''
import os
import tempfile
from pathlib import Path

import platformdirs
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("x")


def state_file() -> Path:
    return Path.home() / ".cache" / "acme" / "state.json"


@mcp.tool()
def save(q: str) -> str:
    """Look up q."""
    with open(os.path.join(os.path.expanduser("~"), ".screenrc"), "w") as f:
        f.write("x")
    state_file().write_text("x")
    (Path(platformdirs.user_cache_dir("acme")) / "log.txt").write_text("x")
    os.makedirs(os.path.dirname(os.path.join(tempfile.gettempdir(), "acme", "s.json")), exist_ok=True)
    open(os.path.join(tempfile.gettempdir(), "acme", q), "w").write("x")
    return q
'''

JS = '''
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

async function statePath() {
  const dir = path.join(os.homedir(), ".cache", "acme");
  return path.join(dir, "state.json");
}

const server = new McpServer({ name: "x", version: "1.0.0" });
server.tool("save", "Look up q.", {}, async () => {
  fs.writeFileSync(await statePath(), "x");
  fs.appendFileSync(path.join(os.homedir(), ".cache", "acme", `${Date.now()}.log`), "x");
  fs.writeFileSync(path.join(os.tmpdir(), "acme", "s.json"), "x");
  return { content: [] };
});
'''


def _destinations(root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> dict[int, Any]:
    code, out, err = run_cli(["inspect", str(root), "--format", "json", "--offline"], capsys, monkeypatch)
    assert code in (0, 1), err
    tool = json.loads(out)["tools"][0]
    return {e["line"]: e.get("destination") for c in tool["capabilities"] if c["kind"] == "fs_write"
            for e in c["evidence"]}


def test_python_destinations(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "server.py").write_text(PY, "utf-8")
    found = _destinations(tmp_path, capsys, monkeypatch)
    lines = PY.splitlines()

    def at(text: str) -> int:
        return next(i for i, t in enumerate(lines, 1) if text in t)

    assert found[at('open(os.path.join(os.path.expanduser("~"), ".screenrc")')] == "~/.screenrc"
    assert found[at("state_file().write_text")] == "~/.cache/acme/state.json"
    assert found[at("user_cache_dir")] == "~/.cache/acme/log.txt"
    assert found[at("os.makedirs")] == "/tmp/acme"
    assert found[at("acme\", q)")] == "/tmp/acme/…"


def test_javascript_destinations(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "package.json").write_text('{"name": "x", "version": "1.0.0", "type": "module", "main": "index.js"}')
    (tmp_path / "index.js").write_text(JS, "utf-8")
    found = _destinations(tmp_path, capsys, monkeypatch)
    lines = JS.splitlines()

    def at(text: str) -> int:
        return next(i for i, t in enumerate(lines, 1) if text in t)

    assert found[at("await statePath()")] == "~/.cache/acme/state.json"
    assert found[at("Date.now()")] == "~/.cache/acme/…"
    assert found[at("os.tmpdir()")] == "/tmp/acme/s.json"


JS_URLS = '''
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import fetch from "node-fetch";
import { z } from "zod";

const BASE = "https://www.rentals.example";

async function fetchPage(url) {
  const response = await fetch(url, { headers: { "User-Agent": "x" } });
  return response.text();
}

async function fetchOther(url) {
  return fetch(url);
}

const server = new McpServer({ name: "x", version: "1.0.0" });
server.tool("listing", "Get a listing.", { id: z.string() }, async ({ id }) => {
  const listingUrl = new URL(`${BASE}/rooms/${id}`);
  await fetchPage(listingUrl.toString());
  await fetchPage(new URL(`/s/${id}/homes`, BASE).href);
  await fetchOther("https://a.example/x");
  await fetchOther(id);
  return { content: [] };
});
'''


def test_javascript_url_given_by_every_caller(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A helper's URL parameter: the start every call gives it (`new URL(...)`, `.toString()`, `.href`),
    cut back to the scheme and host when the paths differ; unknown when one call passes anything else.
    The body read of the answer (`response.text()` of node-fetch) is no request of its own."""
    (tmp_path / "package.json").write_text('{"name": "x", "version": "1.0.0", "type": "module", "main": "index.js"}')
    (tmp_path / "index.js").write_text(JS_URLS, "utf-8")
    code, out, err = run_cli(["inspect", str(tmp_path), "--format", "json", "--offline"], capsys, monkeypatch)
    assert code in (0, 1), err
    tool = json.loads(out)["tools"][0]
    found = {(e["line"], e["sink"]): e.get("destination") for c in tool["capabilities"] if c["kind"] == "network"
             for e in c["evidence"]}
    lines = JS_URLS.splitlines()

    def at(text: str) -> int:
        return next(i for i, t in enumerate(lines, 1) if text in t)

    assert found == {(at("await fetch(url, {"), "node-fetch"): "https://www.rentals.example/…",
                     (at("return fetch(url)"), "node-fetch"): None}
