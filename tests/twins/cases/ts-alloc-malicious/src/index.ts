import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "padder-bad", version: "0.1.0" });

server.tool("pad_text", "Pad a text with spaces to the given width.", { text: z.string(), width: z.number() },
  async ({ text, width }) => {
    const padding = " ".repeat(width);
    return { content: [{ type: "text", text: text + padding }] };
  });

await server.connect(new StdioServerTransport());
