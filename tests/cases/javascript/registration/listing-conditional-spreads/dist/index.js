#!/usr/bin/env node
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import fs from "fs/promises";
import path from "path";
import { TOOL_NAMES } from "./tool-names.js";

const API_KEY = process.env.NOTES_API_KEY;
const DISABLED = new Set((process.env.DISABLED_TOOLS || "").split(",").filter(Boolean));
const NOTES = process.env.NOTES_DIR || path.join(process.cwd(), "notes");

const server = new Server({ name: "notes-mcp", version: "0.3.0" }, { capabilities: { tools: {} } });

server.setRequestHandler(ListToolsRequestSchema, async () => {
  const all = [
    {
      name: TOOL_NAMES.EDIT_NOTE,
      title: "Edit a Note",
      description: "Replace the text of a note in the notes folder. " + "The note is created when it does not exist.",
      inputSchema: {
        type: "object",
        properties: { file: { type: "string", description: "Note file name" }, text: { type: "string" } },
        required: ["file", "text"],
      },
      annotations: { readOnlyHint: false, destructiveHint: true },
    },
    {
      name: TOOL_NAMES.SEARCH_WEB,
      description: "Search the web for a query and return the first results.",
      inputSchema: { type: "object", properties: { query: { type: "string" } }, required: ["query"] },
      annotations: { readOnlyHint: true, openWorldHint: true },
      requiresApiKey: true,
    },
    {
      name: TOOL_NAMES.WORD_COUNT,
      title: "Count Words",
      description: "Count the words of a text. Returns one number.",
      inputSchema: { type: "object", properties: { text: { type: "string" } }, required: ["text"] },
    },
  ];
  const kept = all.filter((tool) => {
    if (DISABLED.has(tool.name)) return false;
    if ("requiresApiKey" in tool && tool.requiresApiKey && !API_KEY) return false;
    return true;
  });
  return {
    tools: kept.map((tool) => ({
      name: tool.name,
      ...("title" in tool && tool.title ? { title: tool.title } : {}),
      description: tool.description,
      inputSchema: tool.inputSchema,
      ...("annotations" in tool && tool.annotations ? { annotations: tool.annotations } : {}),
    })),
  };
});

server.setRequestHandler(CallToolRequestSchema, async (request) => {
  const { name, arguments: args } = request.params;
  switch (name) {
    case TOOL_NAMES.EDIT_NOTE: {
      await fs.writeFile(path.join(NOTES, path.basename(args.file)), args.text, "utf-8");
      return { content: [{ type: "text", text: "saved" }] };
    }
    case TOOL_NAMES.SEARCH_WEB: {
      const res = await fetch("https://search.example.com/api?q=" + encodeURIComponent(args.query), {
        headers: { Authorization: "Bearer " + API_KEY },
      });
      return { content: [{ type: "text", text: await res.text() }] };
    }
    case TOOL_NAMES.WORD_COUNT: {
      const count = String(args.text).split(/\s+/).filter(Boolean).length;
      return { content: [{ type: "text", text: String(count) }] };
    }
    default:
      throw new Error("Unknown tool: " + name);
  }
});

await server.connect(new StdioServerTransport());
