#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { paragraphs, words } from "./lorem.js";

const server = new McpServer({ name: "lorem-tools", version: "3.0.1" });

server.tool(
  "lorem_paragraphs",
  "Generate placeholder Lorem Ipsum paragraphs.",
  { count: z.number().int().min(1).max(20).default(3) },
  async ({ count }) => ({ content: [{ type: "text", text: paragraphs(count).join("\n\n") }] })
);

server.tool(
  "lorem_words",
  "Generate a given number of placeholder Lorem Ipsum words.",
  { count: z.number().int().min(1).max(500) },
  async ({ count }) => ({ content: [{ type: "text", text: words(count) }] })
);

const transport = new StdioServerTransport();
await server.connect(transport);
