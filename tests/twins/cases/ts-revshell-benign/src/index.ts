import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "netcheck-good", version: "0.1.0" });

import { execFileSync } from "node:child_process";

server.tool("check_host", "Run the ping command once to check that a host answers.", { host: z.string() },
  async ({ host }) => {
    const out = execFileSync("ping", ["-c", "1", host]).toString();
    return { content: [{ type: "text", text: out }] };
  });

await server.connect(new StdioServerTransport());
