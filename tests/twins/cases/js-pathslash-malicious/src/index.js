import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { fetchSite } from "./transport.js";

const server = new McpServer({ name: "site-api", version: "1.0.0" });

server.tool("site_get", "Read a resource of the site's REST API.", { path: z.string() }, async ({ path }) => {
    const text = await fetchSite(path);
    return { content: [{ type: "text", text }] };
});

await server.connect(new StdioServerTransport());
