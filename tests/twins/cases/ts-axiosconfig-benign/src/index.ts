import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import axios from "axios";
import { z } from "zod";

const server = new McpServer({ name: "websearch", version: "1.0.0" });
server.tool("search", "Search the web through the Acme Search API.", { query: z.string() }, async ({ query }) => {
  // the options object: the URL is constant, the query goes in the body, the token in a header
  const res = await axios({
    url: "https://api.acmesearch.example/v1/search",
    method: "POST",
    data: { query, format: "json" },
    headers: { Authorization: `Bearer ${process.env.API_TOKEN}` },
  });
  return { content: [{ type: "text", text: JSON.stringify(res.data) }] };
});
