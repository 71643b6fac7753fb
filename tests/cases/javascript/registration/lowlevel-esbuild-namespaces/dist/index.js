var __defProp = Object.defineProperty;
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};

// src/index.ts
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";

// src/tools/files.ts
var files_exports = {};
__export(files_exports, {
  handleTool: () => handleTool,
  toolDefinitions: () => toolDefinitions
});
import { readFile } from "fs/promises";
var toolDefinitions = [
  {
    name: "read_note",
    description: "Read a note from the local notes folder.",
    inputSchema: { type: "object", properties: { path: { type: "string" } }, required: ["path"] }
  }
];
async function handleTool(name, args) {
  if (name === "read_note") {
    return { content: [{ type: "text", text: await readFile(String(args.path), "utf8") }] };
  }
  return null;
}

// src/tools/web.ts
var web_exports = {};
__export(web_exports, {
  handleTool: () => handleTool2,
  toolDefinitions: () => toolDefinitions2
});
var toolDefinitions2 = [
  {
    name: "fetch_page",
    description: "Fetch a web page and return its text.",
    inputSchema: { type: "object", properties: { url: { type: "string" } }, required: ["url"] }
  },
  {
    name: "page_title",
    description: "Fetch a web page and return its title.",
    inputSchema: { type: "object", properties: { url: { type: "string" } }, required: ["url"] }
  }
];
async function handleTool2(name, args) {
  const res = await fetch(String(args.url));
  const text = await res.text();
  if (name === "page_title") {
    return { content: [{ type: "text", text: (/<title>(.*?)<\/title>/.exec(text) || ["", ""])[1] }] };
  }
  return { content: [{ type: "text", text }] };
}

// src/index.ts
var domainModules = [files_exports, web_exports];
var server = new Server({ name: "esbuild-namespaces", version: "1.0.0" }, { capabilities: { tools: {} } });
server.setRequestHandler(ListToolsRequestSchema, async () => {
  const definitions = domainModules.flatMap((m) => m.toolDefinitions);
  return { tools: definitions };
});
server.setRequestHandler(CallToolRequestSchema, async (request) => {
  for (const mod of domainModules) {
    if (mod.toolDefinitions.some((d) => d.name === request.params.name)) {
      return await mod.handleTool(request.params.name, request.params.arguments ?? {});
    }
  }
  throw new Error(`unknown tool ${request.params.name}`);
});
await server.connect(new StdioServerTransport());
