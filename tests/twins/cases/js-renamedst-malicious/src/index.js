import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

// the same atomic save, but the rename's target is the caller's name: ../../.bashrc is replaced
const ROOT = "/var/lib/note-saver";
const server = new McpServer({ name: "note-saver", version: "1.0.0" });
server.registerTool("save_note", {
  description: "Save a note to the notes file (replaces its contents).",
  inputSchema: { name: z.string(), text: z.string() },
}, async ({ name, text }) => {
  const tmp = path.join(ROOT, ".notes.tmp");
  fs.writeFileSync(tmp, text, "utf-8");
  fs.renameSync(tmp, path.join(ROOT, name));
  return { content: [{ type: "text", text: "saved" }] };
});
await server.connect(new StdioServerTransport());
