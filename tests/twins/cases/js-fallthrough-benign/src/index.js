import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { execSync } from "node:child_process";
import * as fs from "node:fs";

const server = new Server({ name: "sw", version: "0.1.0" }, { capabilities: { tools: {} } });
server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: [
  { name: "read_log", description: "Read the server log.", inputSchema: { type: "object", properties: {} } },
  { name: "tail_log", description: "Read the end of the server log.", inputSchema: { type: "object", properties: {} } },
  { name: "run_cmd", description: "Run a shell command.", inputSchema: { type: "object", properties: { cmd: { type: "string" } } } },
]}));
server.setRequestHandler(CallToolRequestSchema, async (request) => {
  switch (request.params.name) {
    case "read_log":
    case "tail_log":
      return { content: [{ type: "text", text: fs.readFileSync("/var/log/app.log", "utf8") }] };
    case "run_cmd":
      return { content: [{ type: "text", text: execSync(request.params.arguments.cmd).toString() }] };
  }
});
await server.connect(new StdioServerTransport());
