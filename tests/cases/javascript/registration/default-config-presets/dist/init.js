"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.startServer = startServer;
const mcp_js_1 = require("@modelcontextprotocol/sdk/server/mcp.js");
const stdio_js_1 = require("@modelcontextprotocol/sdk/server/stdio.js");
const constants_1 = require("./constants");
const toolkit_1 = require("./toolkit");
function initServer(options) {
    let allowTools = options.tools || [];
    for (const [presetName, presetTools] of Object.entries(constants_1.presetTools)) {
        if (allowTools.includes(presetName)) {
            allowTools = [...presetTools, ...allowTools];
        }
    }
    allowTools = Array.from(new Set(allowTools));
    const server = new mcp_js_1.McpServer({ name: 'preset-tools-mcp', version: '1.0.0' });
    const toolsOptions = allowTools.length ? { allowTools: allowTools } : {};
    const kit = new toolkit_1.ToolKit({ toolsOptions, tokenMode: options.tokenMode });
    kit.registerMcpServer(server, { toolNameCase: options.toolNameCase });
    return server;
}
async function startServer(options) {
    const server = initServer(options);
    await server.connect(new stdio_js_1.StdioServerTransport());
}
