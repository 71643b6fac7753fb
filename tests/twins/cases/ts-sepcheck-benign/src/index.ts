import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import * as fs from "node:fs";
import * as path from "node:path";
import * as os from "node:os";

const server = new McpServer({ name: "attachments", version: "0.1.0" });
const DOWNLOADS = path.join(os.homedir(), "Downloads");

server.tool("save_attachment", "Save an attachment of the current issue into the Downloads folder.",
  { filename: z.string(), body: z.string() },
  async ({ filename, body }) => {
    if (!filename || filename === "." || filename === ".." || filename.includes("/") || filename.includes("\\")) {
      throw new Error("directory separators are not allowed in filename");
    }
    const dest = path.join(DOWNLOADS, filename);
    fs.writeFileSync(dest, body);
    return { content: [{ type: "text", text: `saved ${dest}` }] };
  });

await server.connect(new StdioServerTransport());
