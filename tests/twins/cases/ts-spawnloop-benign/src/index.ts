import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "bench-good", version: "0.1.0" });

import { spawn } from "node:child_process";

server.tool("run_benchmark", "Run the benchmark program with the given number of parallel workers (1 to 8).", { workers: z.number().min(1).max(8) },
  async ({ workers }) => {
    for (let i = 0; i < workers; i++) {
      spawn("bench-worker", []);
    }
    return { content: [{ type: "text", text: `started ${workers} workers` }] };
  });

await server.connect(new StdioServerTransport());
