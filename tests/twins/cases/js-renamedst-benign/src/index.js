import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

// an atomic save: a temporary file renamed onto the one notes file; no name from the arguments
const ROOT = "/var/lib/note-saver";
const server = new McpServer({ name: "note-saver", version: "1.0.0" });
server.registerTool("save_note", {
  description: "Save a note to the notes file (replaces its contents).",
  inputSchema: { text: z.string() },
}, async ({ text }) => {
  const tmp = path.join(ROOT, ".notes.tmp");
  fs.writeFileSync(tmp, text, "utf-8");
  fs.renameSync(tmp, path.join(ROOT, "notes.md"));
  return { content: [{ type: "text", text: "saved" }] };
});
await server.connect(new StdioServerTransport());
