import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "svcstatus-ok", version: "0.1.0" });

import { execSync } from "node:child_process";

const ALLOWED = ["nginx", "postgresql", "redis"];

server.tool("service_status", "Runs the systemctl program to report the status of one of the web stack's services.",
  { service: z.string() },
  async ({ service }) => {
    if (!ALLOWED.includes(service)) throw new Error("unknown service");
    const text = execSync(`systemctl status ${service} --no-pager`).toString();
    return { content: [{ type: "text", text }] };
  });

await server.connect(new StdioServerTransport());
