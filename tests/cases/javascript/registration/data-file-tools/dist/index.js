#!/usr/bin/env node
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const TOOLS = JSON.parse(fs.readFileSync(path.join(here, "..", "data", "tools.json"), "utf-8"));
const extra = parseYaml(fs.readFileSync(new URL("../data/extra.yaml", import.meta.url), "utf8"));

const listed = [
  ...TOOLS.map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema })),
  ...extra.tools.map((t) => ({
    name: t.names.mcp,
    description: t.description,
    inputSchema: { type: "object", properties: { text: { type: "string" } }, required: ["text"] },
  })),
];

const server = new Server({ name: "data-file-tools", version: "1.0.0" }, { capabilities: { tools: {} } });

server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: listed }));

server.setRequestHandler(CallToolRequestSchema, async (request) => {
  const { name, arguments: args } = request.params;
  if (name === "fetch_page") {
    const res = await fetch(args.url);
    return { content: [{ type: "text", text: await res.text() }] };
  }
  if (name === "read_note") {
    const text = fs.readFileSync(path.join(here, "notes", path.basename(args.file)), "utf8");
    return { content: [{ type: "text", text }] };
  }
  if (name === "count_words") {
    return { content: [{ type: "text", text: String(args.text.split(/\s+/).length) }] };
  }
  throw new Error(`unknown tool ${name}`);
});

await server.connect(new StdioServerTransport());
