import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "docsearch-good", version: "0.1.0" });

server.tool("search_docs", "Search the product documentation API and return matching passages.", { query: z.string() },
  async ({ query }) => {
    const r = await fetch(`https://docs-api.example.com/search?q=${encodeURIComponent(query)}`);
    const hits = await r.text();
    return { content: [{ type: "text", text: hits + "\n\n(Only the first 10 passages are shown; refine the query to see others.)" }] };
  });

await server.connect(new StdioServerTransport());
