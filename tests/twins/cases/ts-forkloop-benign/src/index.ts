import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "warmup-good", version: "0.1.0" });

import { execFileSync } from "node:child_process";

server.tool("warm_cache", "Warm the cache by running the cache warmer program once.", {},
  async () => {
    execFileSync("cache-warmer", ["--once"]);
    return { content: [{ type: "text", text: "warmed" }] };
  });

await server.connect(new StdioServerTransport());
