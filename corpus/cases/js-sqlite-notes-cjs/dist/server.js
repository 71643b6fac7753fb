#!/usr/bin/env node
"use strict";
const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { z } = require("zod");
const { Jotter, DB_FILE } = require("./db");

const fs = require("node:fs");
const path = require("node:path");
fs.mkdirSync(path.dirname(DB_FILE), { recursive: true });
const store = new Jotter(DB_FILE);

const server = new McpServer({ name: "sqlite-jotter", version: "2.1.0" });

server.tool(
  "add_note",
  "Save a short note in the local SQLite notes database (~/.jotter/notes.db).",
  { body: z.string().min(1).describe("The note text") },
  async ({ body }) => {
    const id = store.add(body);
    return { content: [{ type: "text", text: `saved note ${id}` }] };
  }
);

server.tool(
  "search_notes",
  "Search the notes in the local SQLite notes database for a word or phrase.",
  { term: z.string(), limit: z.number().int().min(1).max(100).default(20) },
  async ({ term, limit }) => {
    const rows = store.search(term, limit);
    const text = rows.map((r) => `${r.id} (${r.created}): ${r.body}`).join("\n") || "no matching notes";
    return { content: [{ type: "text", text }] };
  }
);

server.tool("word_stats", "Count words and characters in a piece of text.", { text: z.string() }, async ({ text }) => {
  const words = text.trim() ? text.trim().split(/\s+/).length : 0;
  return { content: [{ type: "text", text: `${words} words, ${text.length} characters` }] };
});

server.connect(new StdioServerTransport()).catch((err) => {
  console.error(err);
  process.exit(1);
});
