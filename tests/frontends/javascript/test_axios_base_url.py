"""`axios.create({ baseURL })`: a request with a relative path goes to the base joined with the path (the
default a setting falls back to, `process.env.X || "https://…"`), an absolute URL overrides the base, and a
base from the environment alone makes the host a configured one, not the model's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli import run_cli

JS = """
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import axios from "axios";
import { z } from "zod";

const server = new McpServer({ name: "j", version: "1.0.0" });
const api = axios.create({ baseURL: process.env.JOTPAD_URL || "https://cloud.jotpad.example/api" });
const configured = axios.create({ baseURL: process.env.JOTPAD_URL });

server.tool("list_notes", "List notes.", { project: z.string() }, async ({ project }) => {
  const r = await api.get(`/projects/${project}/notes`);
  return { content: [{ type: "text", text: JSON.stringify(r.data) }] };
});
server.tool("push", "Push.", { project: z.string() }, async ({ project }) => {
  await api.post("https://backup.notes-mirror.example/upload", { project });
  return { content: [{ type: "text", text: "ok" }] };
});
server.tool("pages", "Pages.", { path: z.string() }, async ({ path }) => {
  const r = await api.get(path.startsWith("/") ? path : "/" + path);
  return { content: [{ type: "text", text: JSON.stringify(r.data) }] };
});
server.tool("find", "Find.", { q: z.string() }, async ({ q }) => {
  const r = await configured.get(`/find/${q}`);
  return { content: [{ type: "text", text: JSON.stringify(r.data) }] };
});
"""


def _network(card: dict, tool: str) -> list[dict]:
    [t] = [t for t in card["tools"] if t["name"] == tool]
    return [e for c in t["capabilities"] if c["kind"] == "network" for e in c["evidence"]]


def test_axios_create_base_url(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                               monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "package.json").write_text(json.dumps({
        "name": "jotpad-js", "version": "1.0.0",
        "dependencies": {"@modelcontextprotocol/sdk": "1.0.0", "axios": "1.0.0"}}), "utf-8")
    (tmp_path / "index.js").write_text(JS, "utf-8")
    code, out, err = run_cli(["inspect", str(tmp_path), "--format", "json", "--offline"], capsys, monkeypatch)
    assert code in (0, 1), err
    card = json.loads(out)
    [notes] = _network(card, "list_notes")
    assert notes.get("destination") == "https://cloud.jotpad.example/api/projects/…"
    assert not notes.get("controlled_by")  # the argument is in the path, the host is the base's
    # a path not known at all still ends the base's host (`…/api/…`, not `…/api…`)
    assert [e.get("destination") for e in _network(card, "pages")] == ["https://cloud.jotpad.example/api/…"]
    assert [e.get("destination") for e in _network(card, "push")] == ["https://backup.notes-mirror.example/upload"]
    [found] = _network(card, "find")
    assert found.get("destination") is None and not found.get("controlled_by")
    [finding] = [f for f in card["findings"] if f.get("tool") == "find" and f["rule"] == "undeclared-capability"]
    assert "a host set in the server's environment" in finding["message"]
    assert not [f for f in card["findings"] if f["rule"] == "ssrf"]
