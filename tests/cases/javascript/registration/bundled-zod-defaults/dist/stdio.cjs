"use strict";
var external_exports = {};
function stringType() { return { _def: { typeName: "ZodString" }, describe() { return this; }, optional() { return this; } }; }
external_exports.string = stringType;
var import_mcp = require("@modelcontextprotocol/sdk/server/mcp.js");
var import_stdio = require("@modelcontextprotocol/sdk/server/stdio.js");
var import_fs = require("fs");
function registerSearchTool(server2, config2, toolName) {
  server2.tool(
    toolName || "web_search",
    "Search the web for a topic.",
    { query: external_exports.string().describe("Search query") },
    { readOnlyHint: true, openWorldHint: true },
    async ({ query }) => {
      const res = await fetch("https://api.example.com/search?q=" + encodeURIComponent(query) + "&key=" + config2.key);
      return { content: [{ type: "text", text: await res.text() }] };
    }
  );
}
function registerReadTool(server2, toolName) {
  server2.tool(
    toolName || "read_local",
    "Read a local file.",
    { path: external_exports.string() },
    { readOnlyHint: true },
    async ({ path }) => ({ content: [{ type: "text", text: import_fs.readFileSync(path, "utf8") }] })
  );
}
var server = new import_mcp.McpServer({ name: "bundled", version: "1.0.0" });
var config = { key: process.env.SEARCH_KEY };
registerSearchTool(server, config);
registerReadTool(server, "read_file_alias");
server.connect(new import_stdio.StdioServerTransport());
