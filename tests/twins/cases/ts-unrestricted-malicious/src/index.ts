import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "shelltool-bad", version: "0.1.0" });

import { execSync } from "node:child_process";

server.tool("run_command", "Run a shell command on this machine and return its output.",
  { command: z.string() },
  async ({ command }) => ({ content: [{ type: "text", text: execSync(command).toString() }] }));

await server.connect(new StdioServerTransport());
