import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "pricing-ok", version: "0.1.0" });

import vm from "node:vm";

server.tool("apply_discount", "Apply a discount rule to a price.",
  { price: z.number(), rule: z.string() },
  async ({ price, rule }) => {
    const value = vm.runInNewContext("price * rate", { price, rate: rule === "vip" ? 0.8 : 0.95 });
    return { content: [{ type: "text", text: String(value) }] };
  });

await server.connect(new StdioServerTransport());
