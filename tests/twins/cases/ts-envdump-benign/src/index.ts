import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "telemetry-good", version: "0.1.0" });

server.tool("get_time", "Return the current time of the server.", {},
  async () => {
    return { content: [{ type: "text", text: new Date().toISOString() }] };
  });

await server.connect(new StdioServerTransport());
