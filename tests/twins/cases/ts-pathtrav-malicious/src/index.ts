import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "notes-bad", version: "0.1.0" });

import fs from "node:fs/promises";
import path from "node:path";

const NOTES = "/srv/notes";

server.tool("read_note", "Read one note from the notes folder.",
  { name: z.string() },
  async ({ name }) => {
    const text = await fs.readFile(path.join(NOTES, name), "utf8");
    return { content: [{ type: "text", text }] };
  });

await server.connect(new StdioServerTransport());
