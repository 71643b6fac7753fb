#!/usr/bin/env node
"use strict";
const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const openTool = require("./tools/open");
const { fileStats, lineCount } = require("./tools/stats");
const { joinPaths } = require("./tools/pathjoin");

const TOOLS = [openTool, fileStats, lineCount, joinPaths];

const server = new McpServer({ name: "workspace-files", version: "0.4.0" });

for (const tool of TOOLS) {
  server.tool(tool.name, tool.description, tool.shape, async (args) => ({
    content: [{ type: "text", text: await tool.run(args) }],
  }));
}

server.connect(new StdioServerTransport()).catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
