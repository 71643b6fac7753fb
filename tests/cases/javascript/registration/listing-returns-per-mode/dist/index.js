#!/usr/bin/env node
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import fs from "fs";

// src/tools/files.ts
var toolDefinitions = [
  {
    name: "readFile",
    description: "Read a file of the drive folder.",
    inputSchema: { type: "object", properties: { path: { type: "string" } }, required: ["path"] }
  },
  {
    name: "writeFile",
    description: "Write a file of the drive folder.",
    inputSchema: { type: "object", properties: { path: { type: "string" }, text: { type: "string" } }, required: ["path", "text"] }
  }
];
var files_exports = { toolDefinitions, handleTool: handleFileTool };
async function handleFileTool(name, args) {
  if (name === "readFile") {
    return { content: [{ type: "text", text: fs.readFileSync(String(args.path), "utf8") }] };
  }
  if (name === "writeFile") {
    fs.writeFileSync(String(args.path), String(args.text));
    return { content: [{ type: "text", text: "written" }] };
  }
  return null;
}

// src/tools/auth.ts
var toolDefinitions2 = [
  { name: "authGetStatus", description: "Show the sign-in status.", inputSchema: { type: "object", properties: {} } },
  { name: "authListScopes", description: "List the granted scopes.", inputSchema: { type: "object", properties: {} } },
  { name: "manage_accounts", description: "Add, list or remove accounts.", inputSchema: { type: "object", properties: { action: { type: "string", enum: ["add", "list", "remove"] } }, required: ["action"] } }
];
var auth_exports = { toolDefinitions: toolDefinitions2, handleTool: handleAuthTool };
async function handleAuthTool(name, args) {
  if (name === "authGetStatus" || name === "authListScopes" || name === "manage_accounts") {
    return { content: [{ type: "text", text: `${name}: ok` }] };
  }
  return null;
}

// src/index.ts
var domainModules = [files_exports, auth_exports];
var teamRuntime = null;
var TEAM_HIDDEN_TOOLS = /* @__PURE__ */ new Set(["authGetStatus", "authListScopes"]);
function createMcpServer() {
  const s = new Server({ name: "returns-per-mode", version: "1.0.0" }, { capabilities: { tools: {} } });
  s.setRequestHandler(ListToolsRequestSchema, async () => {
    const definitions = domainModules.flatMap((m) => m.toolDefinitions);
    if (teamRuntime) {
      return {
        tools: definitions.filter(
          (d) => d.name !== "manage_accounts" && !TEAM_HIDDEN_TOOLS.has(d.name)
        )
      };
    }
    return { tools: definitions };
  });
  s.setRequestHandler(CallToolRequestSchema, async (request) => {
    const args = request.params.arguments ?? {};
    switch (request.params.name) {
      case "readFile":
      case "writeFile":
        return handleFileTool(request.params.name, args);
      case "authGetStatus":
      case "authListScopes":
      case "manage_accounts":
        return handleAuthTool(request.params.name, args);
      default:
        throw new Error(`Unknown tool: ${request.params.name}`);
    }
  });
  return s;
}
async function main() {
  if (process.argv.includes("--team")) {
    teamRuntime = { hidden: TEAM_HIDDEN_TOOLS, started: Date.now() };
  }
  const server = createMcpServer();
  await server.connect(new StdioServerTransport());
}
main().catch((err) => {
  console.error(err);
  process.exit(1);
});
