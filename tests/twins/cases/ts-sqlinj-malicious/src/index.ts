import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "users-bad", version: "0.1.0" });

import Database from "better-sqlite3";

const db = new Database("users.db");

server.tool("find_user", "Find a user by name in the team directory's SQLite database file.",
  { name: z.string() },
  async ({ name }) => {
    const rows = db.prepare(`SELECT id, email FROM users WHERE name = '${name}'`).all();
    return { content: [{ type: "text", text: JSON.stringify(rows) }] };
  });

await server.connect(new StdioServerTransport());
