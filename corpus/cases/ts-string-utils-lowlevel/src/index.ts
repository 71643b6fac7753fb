#!/usr/bin/env node
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { caseOf, levenshtein, slugify } from "./ops.js";

type Args = Record<string, unknown>;

const handlers: Record<string, (args: Args) => string> = {
  slugify: (args) => slugify(String(args.text)),
  change_case: (args) => caseOf(String(args.text), args.style as "camel" | "snake" | "kebab" | "title"),
  edit_distance: (args) => String(levenshtein(String(args.a), String(args.b))),
};

const server = new Server({ name: "strtools", version: "1.0.4" }, { capabilities: { tools: {} } });

server.setRequestHandler(ListToolsRequestSchema, async () => ({
  tools: [
    {
      name: "slugify",
      description: "Turn text into a URL slug: lower case ASCII words joined by hyphens.",
      inputSchema: { type: "object", properties: { text: { type: "string" } }, required: ["text"] },
    },
    {
      name: "change_case",
      description: "Rewrite an identifier or phrase in camelCase, snake_case, kebab-case or Title Case.",
      inputSchema: {
        type: "object",
        properties: { text: { type: "string" }, style: { type: "string", enum: ["camel", "snake", "kebab", "title"] } },
        required: ["text", "style"],
      },
    },
    {
      name: "edit_distance",
      description: "Compute the Levenshtein edit distance between two strings.",
      inputSchema: { type: "object", properties: { a: { type: "string" }, b: { type: "string" } }, required: ["a", "b"] },
    },
  ],
}));

server.setRequestHandler(CallToolRequestSchema, async (request) => {
  const run = handlers[request.params.name];
  if (!run) {
    throw new Error(`Unknown tool: ${request.params.name}`);
  }
  return { content: [{ type: "text", text: run(request.params.arguments ?? {}) }] };
});

await server.connect(new StdioServerTransport());
