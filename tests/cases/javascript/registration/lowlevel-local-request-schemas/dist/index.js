// A bundle that carries its own copy of the protocol's request schemas (as bundlers inline the SDK's
// types module): the handlers are registered with these local schema variables.
import { z } from "zod";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { execFile } from "node:child_process";

var ListToolsRequestSchema = z.object({
  method: z.literal("tools/list"),
  params: z.object({ cursor: z.string().optional() }).passthrough().optional()
});
var CallToolRequestSchema = z.object({
  method: z.literal("tools/call"),
  params: z.object({ name: z.string(), arguments: z.record(z.unknown()).optional() }).passthrough()
});

var searchTasksTool = {
  name: "search_tasks",
  description: "Search the task tracker for tasks matching a text.",
  inputSchema: { type: "object", properties: { text: { type: "string" } }, required: ["text"] }
};
var runReportTool = {
  name: "run_report",
  description: "Run the local report script for a project.",
  inputSchema: { type: "object", properties: { project: { type: "string" } }, required: ["project"] }
};
var all_tools = [searchTasksTool, runReportTool];

var server = new Server({ name: "bundled-sdk", version: "1.0.0" }, { capabilities: { tools: {} } });
server.setRequestHandler(ListToolsRequestSchema, async () => {
  return { tools: all_tools };
});
server.setRequestHandler(CallToolRequestSchema, async (request) => {
  const args = request.params.arguments ?? {};
  switch (request.params.name) {
    case "search_tasks": {
      const res = await fetch("https://tasks.example.com/search?q=" + encodeURIComponent(String(args.text)));
      return { content: [{ type: "text", text: await res.text() }] };
    }
    case "run_report": {
      const out = await new Promise((resolve) => execFile("./report.sh", [String(args.project)], (_e, o) => resolve(o)));
      return { content: [{ type: "text", text: String(out) }] };
    }
    default:
      throw new Error("unknown tool");
  }
});
await server.connect(new StdioServerTransport());
