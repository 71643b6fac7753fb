const { Server } = require("@modelcontextprotocol/sdk/server/index.js");
const types = require("@modelcontextprotocol/sdk/types.js");
const fs = require("node:fs");

const server = new Server({ name: "ifchain", version: "1.0.0" }, { capabilities: { tools: {} } });

function readConfig(p) {
  return fs.readFileSync(p, "utf8");
}

server.setRequestHandler(types.ListToolsRequestSchema, async () => ({
  tools: [
    { name: "read_config", description: "Read a configuration file.",
      inputSchema: { type: "object", properties: { path: { type: "string" } }, required: ["path"] } },
    { name: "add", description: "Add two numbers.",
      inputSchema: { type: "object", properties: { a: { type: "number" }, b: { type: "number" } } } },
  ],
}));

server.setRequestHandler(types.CallToolRequestSchema, async (req) => {
  const { name, arguments: args } = req.params;
  if (name === "read_config") {
    return { content: [{ type: "text", text: readConfig(args.path) }] };
  } else if (name === "add") {
    return { content: [{ type: "text", text: String(args.a + args.b) }] };
  }
  throw new Error("unknown tool " + name);
});
