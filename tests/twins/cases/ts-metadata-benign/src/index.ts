import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "region-good", version: "0.1.0" });

server.tool("current_region", "Return the cloud region this server runs in, from the cloud provider API.", {},
  async () => {
    const r = await fetch("https://api.cloudprovider.example/v1/region");
    return { content: [{ type: "text", text: await r.text() }] };
  });

await server.connect(new StdioServerTransport());
