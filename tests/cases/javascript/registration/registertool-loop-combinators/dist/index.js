#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { listDir, removeFile } from "./tools/files.js";
import { registry } from "./tools/web.js";

const fileTools = [listDir].concat([removeFile]);
const tools = [...fileTools, ...Object.values(registry)];

const server = new McpServer({ name: "loopregister", version: "1.0.0" });
for (const t of tools) {
    server.registerTool(t.name, { title: t.title, description: t.description, inputSchema: t.schema.shape, annotations: t.annotations }, t.handler);
}
await server.connect(new StdioServerTransport());
