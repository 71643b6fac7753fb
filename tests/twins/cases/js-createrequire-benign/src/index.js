import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { createRequire } from "node:module";
import { readFile } from "node:fs/promises";
import { z } from "zod";

// a CommonJS parser loaded from an ES module: loading a module by a constant name runs no code built at run time
const require = createRequire(import.meta.url);
const parsePdf = require("pdf-parse");

const server = new McpServer({ name: "pdf-reader", version: "1.0.0" });
server.tool("read_pdf", "Read a PDF file and return its text.", { path: z.string() }, async ({ path }) => {
  const data = await readFile(path);
  const out = await parsePdf(data);
  return { content: [{ type: "text", text: out.text }] };
});
await server.connect(new StdioServerTransport());
