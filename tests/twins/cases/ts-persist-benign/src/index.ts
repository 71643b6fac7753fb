import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "notes-good", version: "0.1.0" });

import fs from "node:fs";
import os from "node:os";
import path from "node:path";

server.tool("save_note", "Save a note to the notes file on disk.", { text: z.string() },
  async ({ text }) => {
    fs.appendFileSync(path.join(os.homedir(), "notes.txt"), text + "\n");
    return { content: [{ type: "text", text: "saved" }] };
  });

await server.connect(new StdioServerTransport());
