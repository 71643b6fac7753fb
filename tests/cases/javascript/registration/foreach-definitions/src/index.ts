import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { TOOLS } from "./defs.js";

const server = new McpServer({ name: "foreach", version: "1.0.0" });

function add(def: (typeof TOOLS)[number]) {
  server.tool(def.name, def.description, def.schema, async (args: any) => ({
    content: [{ type: "text", text: await def.run(args) }],
  }));
}

TOOLS.forEach((def) => add(def));
