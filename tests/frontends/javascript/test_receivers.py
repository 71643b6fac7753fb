"""Calls on receivers the call graph cannot resolve (issue 11 §2): unresolved and listed per tool when
they may go into third-party code, counted as dynamic when they are built-in methods."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mcpvet.frontends.javascript.ir import ArrV, Id, Mem, Param, This, Unk
from mcpvet.frontends.javascript.receivers import unknown_receiver, unmodelled_method
from tests.support.cli import run_cli

SERVER = '''
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { TrackerClient } from "tracker-sdk";

class Api {
  constructor(client, send) { this.client = client; this.send = send; }
  async story(id) { return this.client.getStory(id); }
  async ping() { return this.send("ping"); }
}

const api = new Api(new TrackerClient("token"), (x) => x);

export function install(server: McpServer, helper: any) {
  server.tool("story", "Get a story.", { id: z.string() }, async ({ id }) => {
    const s = await api.story(id);
    return { content: [{ type: "text", text: String(s) }] };
  });
  server.tool("shout", "Shout a text.", { text: z.string() }, async ({ text }) => {
    const words = text.split(" ").map((w) => w.toUpperCase());
    return { content: [{ type: "text", text: words.join(" ") }] };
  });
  server.tool("relay", "Relay a text.", { text: z.string() }, async ({ text }) => {
    await helper.transmit(text);
    return { content: [{ type: "text", text: "ok" }] };
  });
  server.tool("ping", "Ping.", {}, async () => ({ content: [{ type: "text", text: String(await api.ping()) }] }));
}
'''


@pytest.fixture
def tools(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> dict[str, dict[str, Any]]:
    (tmp_path / "package.json").write_text('{"name": "r", "version": "1.0.0", "main": "src/index.ts"}', "utf-8")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "index.ts").write_text(SERVER, "utf-8")
    code, out, err = run_cli(["inspect", str(tmp_path), "--format", "json", "--offline"], capsys, monkeypatch)
    assert code in (0, 1), err
    return {t["name"]: t for t in json.loads(out)["tools"]}


def test_a_method_of_an_unmodelled_sdk_object_kept_on_this_is_unresolved(tools: dict[str, dict[str, Any]]) -> None:
    story = tools["story"]
    assert story["complete"] is False
    assert any("getStory" in u and "no model of tracker-sdk" in u for u in story["unresolved"])


def test_built_in_methods_on_values_of_unknown_type_stay_resolved(tools: dict[str, dict[str, Any]]) -> None:
    assert tools["shout"]["complete"] is True and tools["shout"]["unresolved"] == []


def test_a_method_on_a_parameter_no_call_site_binds_is_unresolved(tools: dict[str, dict[str, Any]]) -> None:
    relay = tools["relay"]
    assert relay["complete"] is False
    assert any(u.startswith("helper.transmit") and "receiver unknown" in u for u in relay["unresolved"])


def test_a_function_kept_on_the_object_is_resolved_from_the_constructors_call_site(
        tools: dict[str, dict[str, Any]]) -> None:
    assert tools["ping"]["complete"] is True


def test_the_classifier() -> None:
    call = Mem(Mem(This("f"), "client"), "getStory")
    assert unknown_receiver(call, Unk("member of a parameter"))
    assert not unknown_receiver(Mem(Id("items", "s"), "map"), Unk("member of a parameter"))
    assert unknown_receiver(Mem(Id("client", "s"), "get"), Unk("a parameter"))  # `client.get(url)` may be a request
    assert not unknown_receiver(Mem(Id("xs", "s"), "push"), ArrV((), {}))
    assert not unknown_receiver(Mem(Id("server", "s"), "sendLoggingMessage"), Unk("a parameter"))
    assert not unknown_receiver(Mem(Param("f", 0), "run"), Unk("a parameter"))
    assert unmodelled_method("tracker-sdk", ("TrackerClient", "getStory"))
    assert not unmodelled_method("tracker-sdk", ("createThing",))  # a module function
    assert not unmodelled_method("zod", ("ZodObject", "extend"))
    assert not unmodelled_method("node:events", ("EventEmitter", "emitAsync"))
