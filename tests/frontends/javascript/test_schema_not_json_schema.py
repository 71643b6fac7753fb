"""An input schema evaluated to an object that is no JSON Schema is left unknown, with an errors[] entry.

A converter the evaluator can only half follow (nx-mcp's bundled zod-to-JSON-Schema conversion) leaves
its working object as the value (`{schemas: {__shared: …}}`): that is not what the server lists, so
it must not be reported as the tool's schema. A schema built by a helper that returns JSON Schema
keywords (`{type: "object", properties}`, `{anyOf: …}`) is kept as it is."""

from __future__ import annotations

from typing import Any

from mcpvet.frontends.javascript.extract import extract_module
from mcpvet.frontends.javascript.frontend import analyse_modules

SERVER = """
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
function fill(ctx, shape) { for (const k of Object.keys(shape)) { ctx.seen.push(k); } }
function convert(shape) {
    const ctx = { schemas: { shared: {} }, seen: [] };
    fill(ctx, shape);
    return ctx.result ?? ctx;
}
function pick() { return { anyOf: [{ type: "object" }] }; }
function objectSchema(props) { return { type: "object", properties: props }; }
const server = new Server({ name: "t", version: "1" }, { capabilities: { tools: {} } });
server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: [
    { name: "converted", description: "Converted.", inputSchema: convert({ q: 1 }) },
    { name: "helper", description: "Helper.", inputSchema: objectSchema({ q: { type: "string" } }) },
    { name: "anyof", description: "Any of.", inputSchema: pick() },
] }));
"""


def _result() -> tuple[dict[str, Any], list[str]]:
    module = extract_module("index.js", "javascript", SERVER.encode("utf-8"))
    result = analyse_modules([module], [])
    return {t.name: t.input_schema for t in result.tools}, [e.message for e in result.errors]


def test_a_converters_working_object_is_left_unknown_and_said() -> None:
    schemas, errors = _result()
    assert set(schemas) == {"converted", "helper", "anyof"}
    assert schemas["converted"] is None
    said = [m for m in errors if "no JSON Schema" in m]
    assert len(said) == 1 and "converted" in said[0] and "schemas" in said[0]


def test_json_schema_from_a_helper_is_kept() -> None:
    schemas, errors = _result()
    assert schemas["helper"] == {"type": "object", "properties": {"q": {"type": "string"}}}
    assert schemas["anyof"] == {"anyOf": [{"type": "object"}]}
    assert not [m for m in errors if "no JSON Schema" in m and ("helper" in m or "anyof" in m)]
