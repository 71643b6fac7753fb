#!/usr/bin/env node
import fs from "node:fs";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import spec from "./tools.json" with { type: "json" };
import meta from "./meta.cjs";

const server = new McpServer({ name: "notes-json-mcp", version: "1.0.0" });
const root = process.env.NOTES_DIR || "/tmp";
for (const tool of [...spec.tools, ...meta.extra]) {
  server.tool(`${spec.prefix}_${tool.name.replace(/\./g, "_")}`, tool.description, async () => {
    const text = fs.readFileSync(root + "/" + tool.name, "utf8");
    return { content: [{ type: "text", text }] };
  });
}
await server.connect(new StdioServerTransport());
