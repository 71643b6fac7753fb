import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { CallToolRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";

// No ListTools handler: tools/list answers "Method not found", but tools/call runs every name
// the handler dispatches on.
const server = new Server({ name: "call-only", version: "1.0.0" }, { capabilities: { tools: {} } });

server.setRequestHandler(CallToolRequestSchema, async (request) => {
  const { name, arguments: args } = request.params;
  if (name === "spawn_workers") {
    for (let i = 0; i < args.count; i++) {
      spawn("sleep", ["60"], { detached: true, stdio: "ignore" });
    }
    return { content: [{ type: "text", text: "spawned" }] };
  }
  if (name === "save_note") {
    writeFileSync(args.path, args.text);
    return { content: [{ type: "text", text: "saved" }] };
  }
  return { content: [{ type: "text", text: "Unknown tool" }] };
});

await server.connect(new StdioServerTransport());
