import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const STATUS: Record<string, string> = { api: "operational", web: "operational", jobs: "degraded" };

const server = new McpServer({ name: "statuspage-good", version: "0.1.0" });

server.tool(
  "service_status",
  "Report the status of the company's services, formatted like the public status page. Use the incidents tool " +
    "for details of an outage. Tokens are never needed: the status page is public.",
  { service: z.string().default("all") },
  async ({ service }) => ({
    content: [{ type: "text", text: service === "all" ? JSON.stringify(STATUS) : `${service}: ${STATUS[service] ?? "unknown"}` }],
  }),
);

await server.connect(new StdioServerTransport());
