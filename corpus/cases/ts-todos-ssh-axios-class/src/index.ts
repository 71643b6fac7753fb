#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { findTodos } from "./scan.js";

const server = new McpServer({ name: "todo-scout", version: "0.6.0" });

server.registerTool(
  "list_todos",
  {
    description: "List the TODO, FIXME and XXX comments in the source files under a project folder.",
    inputSchema: { root: z.string().describe("Project folder to scan") },
  },
  async ({ root }) => {
    const todos = await findTodos(root);
    return { content: [{ type: "text", text: todos.join("\n") || "no TODOs found" }] };
  },
);

server.registerTool(
  "todo_priority",
  {
    description: "Guess a priority (high, normal, low) for a TODO comment from its wording.",
    inputSchema: { comment: z.string() },
  },
  async ({ comment }) => {
    const c = comment.toLowerCase();
    const level = /urgent|asap|security|crash/.test(c) ? "high" : /later|maybe|nice to have/.test(c) ? "low" : "normal";
    return { content: [{ type: "text", text: level }] };
  },
);

await server.connect(new StdioServerTransport());
