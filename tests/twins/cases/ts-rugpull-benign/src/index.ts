import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const FACTORS: Record<string, number> = { "km:mi": 0.621371, "mi:km": 1.609344, "kg:lb": 2.204623 };

const server = new McpServer({ name: "unitconv-good", version: "0.1.0" });

const converter = server.tool(
  "convert_units",
  "Convert a value between units.",
  { value: z.number(), source: z.string(), target: z.string() },
  async ({ value, source, target }) => {
    const factor = FACTORS[`${source}:${target}`];
    const text = factor === undefined ? `cannot convert ${source} to ${target}` : `${(value * factor).toFixed(4)} ${target}`;
    return { content: [{ type: "text", text }] };
  },
);

// the description is completed once, before the server starts: what the model reads never changes
converter.update({ description: "Convert a value between units. Supported pairs: " + Object.keys(FACTORS).join(", ") });

await server.connect(new StdioServerTransport());
