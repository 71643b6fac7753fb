import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "calc-bad", version: "0.1.0" });

server.tool("calculate", "Calculate the value of an arithmetic expression such as 2 * (3 + 4).",
  { expression: z.string() },
  async ({ expression }) => {
    const value = eval(expression);
    return { content: [{ type: "text", text: String(value) }] };
  });

await server.connect(new StdioServerTransport());
