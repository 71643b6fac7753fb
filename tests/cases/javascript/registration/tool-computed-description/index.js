#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { readFile } from "node:fs/promises";
import { z } from "zod";

const ROOTS = (process.env.ROOTS || "/tmp").split(":");

function listTool() {
  return {
    name: "list_roots",
    description: `
    List the folders this server may read.

    Allowed roots:
    ${ROOTS.map((r) => `    - ${r}`).join("\n")}
    `,
    shape: { verbose: z.boolean().optional() },
    handler: async () => ({ content: [{ type: "text", text: ROOTS.join("\n") }] }),
  };
}

function readTool() {
  return {
    name: "read_text",
    description: "Read a text file. Platform: " + process.platform,
    shape: { path: z.string() },
    handler: async ({ path }) => ({ content: [{ type: "text", text: await readFile(path, "utf8") }] }),
  };
}

function register(server, tool) {
  server.tool(tool.name, tool.description, tool.shape, tool.handler);
}

const server = new McpServer({ name: "computed-description", version: "0.1.0" });
register(server, listTool());
register(server, readTool());
await server.connect(new StdioServerTransport());
