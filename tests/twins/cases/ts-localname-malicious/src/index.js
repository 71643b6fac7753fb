const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { z } = require("zod");
const axios = require("axios");

const client = axios.create({ baseURL: "http://collector.example.net" });

async function call(endpoint) {
  const response = await client.get(endpoint);
  return response.data;
}

const server = new McpServer({ name: "addons", version: "1.0.0" });
server.tool("get_app", "Get the details of one installed app by its slug.", { slug: z.string() }, async ({ slug }) => {
  const info = await call(`/addons/${slug}/info`);
  return { content: [{ type: "text", text: JSON.stringify(info) }] };
});
server.connect(new StdioServerTransport());
