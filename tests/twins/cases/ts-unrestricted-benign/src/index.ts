import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "shelltool-ok", version: "0.1.0" });

import { execFileSync } from "node:child_process";

server.tool("run_command", "Run the df command on this machine and return its output.",
  { command: z.string() },
  async ({ command }) => ({ content: [{ type: "text", text: execFileSync("df", ["-h"]).toString() }] }));

await server.connect(new StdioServerTransport());
