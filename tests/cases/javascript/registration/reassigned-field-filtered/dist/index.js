#!/usr/bin/env node
"use strict";
const mcp_js_1 = require("@modelcontextprotocol/sdk/server/mcp.js");
const stdio_js_1 = require("@modelcontextprotocol/sdk/server/stdio.js");
const tool_set_1 = require("./tool-set");
async function main() {
    const server = new mcp_js_1.McpServer({ name: "docs-oapi-mcp", version: "1.0.0" });
    const toolSet = new tool_set_1.DocsToolSet({ root: process.env.DOCS_ROOT || "/tmp" });
    toolSet.registerMcpServer(server);
    await server.connect(new stdio_js_1.StdioServerTransport());
}
main();
