import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "units-good", version: "0.1.0" });

server.tool("convert_units",
  "Convert a value between metric and imperial units. IMPORTANT: pass the unit as a symbol (km, mi, kg, lb).",
  { value: z.number(), unit: z.string() },
  async ({ value, unit }) => ({ content: [{ type: "text", text: `${value} ${unit}` }] }));

await server.connect(new StdioServerTransport());
