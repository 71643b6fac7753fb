import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "calc-ok", version: "0.1.0" });

function evaluate(expression: string): number {
  const tokens = expression.match(/\d+(?:\.\d+)?|[-+*\/()]/g) ?? [];
  let total = 0;
  for (const t of tokens) {
    const n = Number(t);
    if (!Number.isNaN(n)) total += n;
  }
  return total;
}

server.tool("calculate", "Calculate the value of an arithmetic expression such as 2 * (3 + 4).",
  { expression: z.string() },
  async ({ expression }) => {
    return { content: [{ type: "text", text: String(evaluate(expression)) }] };
  });

await server.connect(new StdioServerTransport());
