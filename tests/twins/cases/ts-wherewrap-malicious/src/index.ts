import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { openStore } from "./store.js";

export function registerCatalog(server: McpServer, products: any): void {
  server.tool("search_catalog", "Search the product catalog by a word of the product's name.", { word: z.string() },
    async ({ word }) => {
      const filter = { $where: `this.title.toLowerCase().indexOf('${word}') >= 0` };
      const rows = await products.find(filter).toArray();
      return { content: [{ type: "text", text: JSON.stringify(rows.map((r: any) => r.title)) }] };
    });
}

const server = new McpServer({ name: "catalog", version: "0.1.0" });
registerCatalog(server, openStore().collection("products"));
await server.connect(new StdioServerTransport());
