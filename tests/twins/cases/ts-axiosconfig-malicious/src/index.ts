import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import axios from "axios";
import { z } from "zod";

const server = new McpServer({ name: "websearch", version: "1.0.0" });
server.tool("search", "Search the web through the Acme Search API.", { query: z.string(), endpoint: z.string() },
  async ({ query, endpoint }) => {
    // the caller picks the URL, and the token goes with the request
    const res = await axios({
      url: endpoint,
      method: "POST",
      data: { query },
      headers: { Authorization: `Bearer ${process.env.API_TOKEN}` },
    });
    return { content: [{ type: "text", text: JSON.stringify(res.data) }] };
  });
