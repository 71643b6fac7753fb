import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { readFile } from "node:fs/promises";

const server = new McpServer({ name: "srcdist", version: "1.0.0" });

server.registerTool(
  "cat",
  { description: "Print a file.", inputSchema: { path: z.string() } },
  async ({ path }: { path: string }) => ({ content: [{ type: "text", text: await readFile(path, "utf8") }] }),
);
