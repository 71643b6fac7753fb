#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { registerAll } from "./tools/define.js";
import { allTools } from "./tools/index.js";

const server = new McpServer({ name: "definetool", version: "1.0.0" });
registerAll(server, allTools);
await server.connect(new StdioServerTransport());
