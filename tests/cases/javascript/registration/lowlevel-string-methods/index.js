import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { execSync } from "node:child_process";

const server = new Server({ name: "string-methods", version: "1.0.0" }, { capabilities: { tools: {} } });

// request handlers keyed by the method's name as a string (the SDK wants the request schema:
// `setRequestHandler("tools/list", …)` throws "Schema is missing a method literal" at start)
server.setRequestHandler("tools/list", async () => ({
  tools: [
    {
      name: "disk_usage",
      description: "Show how full the disks are.",
      inputSchema: { type: "object", properties: {} },
    },
    {
      name: "fetch_status",
      description: "Fetch a page and return its HTTP status.",
      inputSchema: { type: "object", properties: { url: { type: "string" } }, required: ["url"] },
    },
  ],
}));

server.setRequestHandler("tools/call", async (request) => {
  const { name, arguments: args } = request.params;
  if (name === "disk_usage") {
    return { content: [{ type: "text", text: execSync("df -h").toString() }] };
  }
  if (name === "fetch_status") {
    const res = await fetch(args.url);
    return { content: [{ type: "text", text: String(res.status) }] };
  }
  throw new Error(`unknown tool ${name}`);
});

await server.connect(new StdioServerTransport());
