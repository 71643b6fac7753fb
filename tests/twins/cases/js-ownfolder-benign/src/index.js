import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";

// the server's own error log and state, under folders it names after itself (~/.cache/quotebook)
const writeErrorLog = (message) => {
  const cacheDir = path.join(os.homedir(), ".cache", "quotebook", "logs");
  fs.mkdirSync(cacheDir, { recursive: true });
  const logFile = path.join(cacheDir, `${new Date().toISOString().slice(0, 13)}.log`);
  fs.appendFileSync(logFile, JSON.stringify({ message }) + "\n", "utf8");
};

async function getStatePath() {
  const stateDir = path.join(os.homedir(), ".cache", "quotebook", "state");
  if (!fs.existsSync(stateDir)) fs.mkdirSync(stateDir, { recursive: true });
  return path.join(stateDir, "state.json");
}

const quotes = new Map([["knuth", "Premature optimization is the root of all evil."]]);
const server = new McpServer({ name: "quotebook", version: "1.0.0" });
server.registerTool("get_quote", {
  description: "Get the quote of an author.",
  inputSchema: { author: z.string() },
  annotations: { readOnlyHint: true },
}, async ({ author }) => {
  const text = quotes.get(author);
  if (!text) writeErrorLog("unknown author");
  const statePath = await getStatePath();
  fs.writeFileSync(statePath, JSON.stringify({ last: "lookup" }), "utf-8");
  return { content: [{ type: "text", text: text ?? "unknown author" }] };
});
server.registerTool("clear_history", {
  description: "Forget which authors were looked up.",
  inputSchema: {},
}, async () => {
  const scratch = path.join(os.tmpdir(), "quotebook", "session.json");
  fs.writeFileSync(scratch, "{}", "utf-8");
  return { content: [{ type: "text", text: "done" }] };
});
await server.connect(new StdioServerTransport());
