"""Tool definitions built by a framework's chained builder (@sylphx/mcp-server-sdk `tool().description(d)
.input(s).handler(fn)`): read as the definition the chain makes; a chain not read back to its `tool()` call
is a named gap in errors[], never a tool with a guessed text."""

from __future__ import annotations

from mcpvet.frontends.javascript.extract import extract_module
from mcpvet.frontends.javascript.frontend import analyse_modules
from mcpvet.model import FrontendResult

SERVER = """
import { createServer, stdio, text, tool } from "@sylphx/mcp-server-sdk";
%s
const server = createServer({ name: "t", version: "1", tools: { ping: ping }, transport: stdio() });
await server.start();
"""


def _analyse(src: str) -> FrontendResult:
    module = extract_module("index.js", "javascript", (SERVER % src).encode("utf-8"))
    return analyse_modules([module], [])


def test_the_last_description_of_the_chain_is_the_tools_text() -> None:
    result = _analyse('const ping = tool().description("first").annotations({readOnlyHint: true})'
                      '.description("Answers pong.").handler(async () => text("pong"));')
    assert [(t.name, t.description, t.input_schema) for t in result.tools] == [
        ("ping", "Answers pong.", {"type": "object", "properties": {}})]
    assert result.tools[0].annotations == {"readOnlyHint": True}


def test_a_chain_without_a_description_has_none() -> None:
    result = _analyse('const ping = tool().handler(async () => text("pong"));')
    assert [(t.name, t.description) for t in result.tools] == [("ping", None)]


def test_a_chain_not_read_back_to_tool_is_a_named_gap() -> None:
    for src in ('import { make } from "elsewhere";\nconst ping = make().description("x").handler(async () => 1);',
                'const ping = tool().description("x");'):
        result = _analyse(src)
        assert not result.tools
        assert any("tool 'ping' of createServer() is not known statically" in e.message for e in result.errors), \
            result.errors
