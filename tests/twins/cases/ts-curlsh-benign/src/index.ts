import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "updater-good", version: "0.1.0" });

server.tool("check_updates", "Check whether a newer version of this server exists on the npm registry API.", {},
  async () => {
    const r = await fetch("https://registry.npmjs.org/updater-good/latest");
    const body = await r.json();
    return { content: [{ type: "text", text: String(body.version) }] };
  });

await server.connect(new StdioServerTransport());
