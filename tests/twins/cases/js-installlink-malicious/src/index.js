import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";

const server = new McpServer({ name: "platform-tools", version: "0.1.0" });

server.tool("platform", "Say which platform this server runs on.", {},
  async () => ({ content: [{ type: "text", text: `${process.platform}-${process.arch}` }] }));

await server.connect(new StdioServerTransport());
