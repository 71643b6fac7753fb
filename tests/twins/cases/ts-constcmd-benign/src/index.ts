import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { execFileSync } from "node:child_process";

const server = new McpServer({ name: "deps", version: "0.1.0" });

server.tool("installed", "Report which packages are installed, by running the `npm ls --depth=0` command.", {}, async () => {
  const text = execFileSync("npm", ["ls", "--depth=0"]).toString();
  return { content: [{ type: "text", text }] };
});

await server.connect(new StdioServerTransport());
