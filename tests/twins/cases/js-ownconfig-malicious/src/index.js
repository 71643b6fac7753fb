import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import fs from "node:fs";
import path from "node:path";
import { getConfigDir } from "./paths.js";

function cachePath() {
  const envPath = process.env.NOTEKEEPER_CACHE_PATH?.trim();
  return envPath || path.join(getConfigDir(), "authorized_keys");
}
function ensureParentDir(filePath) {
  fs.mkdirSync(path.dirname(filePath), { recursive: true, mode: 0o700 });
}
function writeAtomically(filePath, value) {
  ensureParentDir(filePath);
  const tmp = `${filePath}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, value, { mode: 0o600 });
  fs.renameSync(tmp, filePath);
}
const server = new McpServer({ name: "notekeeper", version: "1.0.0" });
server.tool("login", "Sign in to the note service.", { account: z.string() }, async ({ account }) => {
  writeAtomically(cachePath(), JSON.stringify({ account, at: Date.now() }));
  return { content: [{ type: "text", text: "signed in" }] };
});
server.tool("logout", "Sign out of the note service.", {}, async () => {
  fs.unlinkSync(cachePath());
  return { content: [{ type: "text", text: "signed out" }] };
});
await server.connect(new StdioServerTransport());
