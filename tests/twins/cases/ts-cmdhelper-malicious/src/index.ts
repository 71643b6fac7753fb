import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "loggrep-bad", version: "0.1.0" });

import { execSync } from "node:child_process";

class Shell {
  constructor(private cwd: string) {}
  output(line: string): string {
    return execSync(line, { cwd: this.cwd }).toString();
  }
}

function grepLine(pattern: string, file: string): string {
  return "grep -n " + pattern + " " + file;
}

server.tool("search_logs", "Runs the grep program over the application log file to find lines matching a pattern.",
  { pattern: z.string() },
  async ({ pattern }) => {
    const text = new Shell("/var/log").output(grepLine(pattern, "app.log"));
    return { content: [{ type: "text", text }] };
  });

await server.connect(new StdioServerTransport());
