import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import serialize from "node-serialize";

const server = new McpServer({ name: "prefs", version: "0.1.0" });

server.tool("import_preferences", "Import saved preferences.", { blob: z.string() }, async ({ blob }) => {
  const prefs = JSON.parse(blob);
  return { content: [{ type: "text", text: Object.keys(prefs).join(", ") + serialize.serialize({}) }] };
});

await server.connect(new StdioServerTransport());
