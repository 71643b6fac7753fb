#!/usr/bin/env node
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const mcp_js_1 = require("@modelcontextprotocol/sdk/server/mcp.js");
const stdio_js_1 = require("@modelcontextprotocol/sdk/server/stdio.js");
const types_js_1 = require("@modelcontextprotocol/sdk/types.js");
const tools_1 = require("./tools.js");
exports.server = new mcp_js_1.McpServer({ name: 'rep', version: '0.1.0' }, { capabilities: { tools: {} } });
function init(params) {
    const server = params.server instanceof mcp_js_1.McpServer ? params.server.server : params.server;
    const providedEndpoints = params.endpoints || tools_1.endpoints;
    const endpointMap = Object.fromEntries(providedEndpoints.map((endpoint) => [endpoint.tool.name, endpoint]));
    server.setRequestHandler(types_js_1.ListToolsRequestSchema, async () => {
        return { tools: providedEndpoints.map((endpoint) => endpoint.tool) };
    });
    server.setRequestHandler(types_js_1.CallToolRequestSchema, async (request) => {
        const { name, arguments: args } = request.params;
        const endpoint = endpointMap[name];
        return endpoint.handler({}, args);
    });
}
async function main() {
    init({ server: exports.server, endpoints: tools_1.endpoints });
    await exports.server.connect(new stdio_js_1.StdioServerTransport());
}
main();
