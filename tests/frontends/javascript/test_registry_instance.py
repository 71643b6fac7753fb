"""Tools kept by a registry object of the package's own: a class whose field is a `new Map()` (`new Set()`,
`[]`) filled by one of its methods (`this.tools.set(def.name, entry)`), the method called through a
parameter (`function registerX(registry) { registry.registerTool({…}) }`), the ListTools handler
answering the field's entries. Also: a request schema defined in a bundle under a minified name, read
from its `method` literal, and a class expression's own name used inside it."""

from __future__ import annotations

from mcpvet.frontends.javascript.extract import extract_module
from mcpvet.frontends.javascript.frontend import analyse_modules

REGISTRY = """
class Registry {
    %(field)s
    constructor(server) { this.server = server; %(ctor)s }
    registerTool(def) {
        const entry = { name: def.name, description: def.description, inputSchema: def.inputSchema };
        %(add)s
        this.init();
    }
    init() {
        this.server.setRequestHandler(%(schema)s, () => ({ tools: %(listed)s.map((t) => ({ name: t.name,
            description: t.description, inputSchema: t.inputSchema ?? { type: "object", properties: {} } })) }));
    }
}
function registerAll(registry) {
    registry.registerTool({ name: "alpha", description: "First tool." });
    registry.registerTool({ name: "beta", description: "Second tool.",
        inputSchema: { type: "object", properties: { q: { type: "string" } } } });
}
const Holder = class H {
    constructor(server) { this.registry = new Registry(server); }
    static create(server) { const h = new H(server); registerAll(h.registry); return h; }
};
const server = new Server({ name: "t", version: "1" }, { capabilities: { tools: {} } });
Holder.create(server);
"""
SDK = 'import { Server } from "@modelcontextprotocol/sdk/server/index.js";\n' \
      'import { ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";\n'
# the SDK bundled into the file under minified names, as esbuild leaves it
BUNDLED = 'var Ag = z.object({ method: z.string() }), ye = (v) => z.literal(v);\n' \
          'var mA = Ag.extend({ method: ye("tools/list") });\n' \
          'class Server { constructor(i, o) {} setRequestHandler(s, h) {} }\n'

SHAPES = {
    "map": {"field": "tools = new Map();", "ctor": "", "add": "this.tools.set(def.name, entry);",
            "listed": "Array.from(this.tools.values())"},
    "map-in-constructor": {"field": "", "ctor": "this.tools = new Map();", "add": "this.tools.set(def.name, entry);",
                           "listed": "[...this.tools.values()]"},
    "array": {"field": "tools = [];", "ctor": "", "add": "this.tools.push(entry);", "listed": "this.tools"},
}


def _tools(src: str) -> tuple[list[tuple[str, str | None, object]], list[str]]:
    module = extract_module("index.js", "javascript", src.encode("utf-8"))
    result = analyse_modules([module], [])
    return ([(t.name, t.description, t.input_schema) for t in result.tools],
            [e.message for e in result.errors])


EXPECTED = [("alpha", "First tool.", {"type": "object", "properties": {}}),
            ("beta", "Second tool.", {"type": "object", "properties": {"q": {"type": "string"}}})]


def test_a_registry_object_filled_through_a_parameter_lists_each_registration() -> None:
    for shape, parts in SHAPES.items():
        tools, errors = _tools(SDK + REGISTRY % {**parts, "schema": "ListToolsRequestSchema"})
        assert sorted(tools, key=lambda t: t[0]) == EXPECTED, (shape, errors)


def test_a_bundled_request_schema_is_known_by_its_method_literal() -> None:
    tools, errors = _tools(BUNDLED + REGISTRY % {**SHAPES["map"], "schema": "mA"})
    assert sorted(tools, key=lambda t: t[0]) == EXPECTED, errors
    # another method's schema is not the tools list
    other = BUNDLED.replace('"tools/list"', '"prompts/list"')
    assert _tools(other + REGISTRY % {**SHAPES["map"], "schema": "mA"})[0] == []


def test_a_field_that_is_not_a_collection_gains_nothing() -> None:
    parts = {**SHAPES["map"], "field": "tools = makeStore();"}
    tools, errors = _tools(SDK + REGISTRY % {**parts, "schema": "ListToolsRequestSchema"})
    assert tools == []
    assert any("ListTools handler" in e for e in errors), errors
