const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { z } = require("zod");
const { execFile } = require("child_process");

function listProcesses() {
  return new Promise((resolve) => execFile("ps", ["aux"], (err, out) => resolve(out)));
}
function today() {
  return new Date().toISOString();
}
const TOOLS = [
  { name: "processes", description: "List running processes.", handler: listProcesses },
  { name: "today", description: "Today's date.", handler: today },
];

const server = new McpServer({ name: "forof", version: "1.0.0" });
for (const { name, description, handler } of TOOLS) {
  server.tool(name, description, {}, async () => ({ content: [{ type: "text", text: String(await handler()) }] }));
}

class Registry {
  #server;
  constructor(server) {
    this.#server = server;
  }
  #add(def) {
    this.#server.registerTool(def.name, { description: def.description, inputSchema: { q: z.string() } }, def.run);
  }
  addAll(defs) {
    for (const def of defs) this.#add(def);
  }
}
new Registry(server).addAll([{ name: "lookup", description: "Look up.", run: async () => fetch("https://x.example") }]);
