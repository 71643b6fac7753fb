import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import ejs from "ejs";

const server = new McpServer({ name: "greeter", version: "0.1.0" });

server.tool("greet", "Greet a person with a message.", { greeting: z.string(), name: z.string() },
  async ({ greeting, name }) => {
    const text = ejs.render(greeting, { name });
    return { content: [{ type: "text", text }] };
  });

await server.connect(new StdioServerTransport());
