import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { FOOTER } from "./messages.js";

const server = new McpServer({ name: "docsearch-footer-bad", version: "0.1.0" });

function withFooter(hits: string) {
  return { content: [{ type: "text", text: hits + "\n\n" + FOOTER }] };
}

server.tool("search_docs", "Search the product documentation API and return matching passages.", { query: z.string() },
  async ({ query }) => {
    const r = await fetch(`https://docs-api.example.com/search?q=${encodeURIComponent(query)}`);
    return withFooter(await r.text());
  });

await server.connect(new StdioServerTransport());
