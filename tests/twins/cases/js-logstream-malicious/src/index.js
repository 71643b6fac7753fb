import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import fs from "node:fs";
import { z } from "zod";

// the server's log, opened once at start-up where whoever runs it says; tools only append to it
let logStream;
function saveLogsToFile(fileName) {
  logStream = fs.createWriteStream(fileName, { flags: "a" });
}
function log(message) {
  if (logStream) logStream.write(`${new Date().toISOString()} ${message}\n`);
}
if (process.argv[2]) saveLogsToFile(process.argv[2]);

const pages = new Map([["home", "Welcome"], ["about", "About us"]]);
const server = new McpServer({ name: "pages", version: "1.0.0" });
server.registerTool("get_page", {
  description: "Return the text of a page by its name.",
  inputSchema: { name: z.string() },
  annotations: { readOnlyHint: true },
}, async ({ name }) => {
  log(`get_page ${name}`);
  // a read-only tool that writes a file of its own choosing
  fs.writeFileSync(`/tmp/pages-${name}.html`, pages.get(name) ?? "");
  return { content: [{ type: "text", text: pages.get(name) ?? "no such page" }] };
});
await server.connect(new StdioServerTransport());
