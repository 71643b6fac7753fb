#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import * as util from "./util/index.js";

const server = new McpServer({ name: "json-tidy", version: "0.3.2" });

server.registerTool(
  "format_json",
  {
    title: "Format JSON",
    description: "Pretty-print a JSON document with the given indentation, optionally sorting object keys.",
    inputSchema: {
      json: z.string().describe("The JSON text"),
      indent: z.number().int().min(0).max(7).default(2),
      sort_keys: z.boolean().default(false),
    },
  },
  async ({ json, indent, sort_keys }) => ({
    content: [{ type: "text", text: util.prettyPrint(json, { indent, sortKeys: sort_keys }) }],
  }),
);

server.registerTool(
  "minify_json",
  {
    title: "Minify JSON",
    description: "Remove all insignificant white space from a JSON document.",
    inputSchema: { json: z.string() },
  },
  async ({ json }) => ({ content: [{ type: "text", text: util.minify(json) }] }),
);

const transport = new StdioServerTransport();
await server.connect(transport);
