import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { execSync } from "node:child_process";

const server = new McpServer({ name: "services", version: "0.1.0" });
const ALLOWED = ["nginx", "postgresql", "redis"];

function fail(message: string): never {
  throw new Error(message);
}

server.tool("service_status", "Runs the systemctl program to report the status of one of the web stack's services.",
  { service: z.string() },
  async ({ service }) => {
    if (!ALLOWED.includes(service)) fail(`unknown service ${service}`);
    const text = execSync(`systemctl status ${service} --no-pager`).toString();
    return { content: [{ type: "text", text }] };
  });

await server.connect(new StdioServerTransport());
