import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { createRequire } from "node:module";
import { readFile } from "node:fs/promises";
import { z } from "zod";

const require = createRequire(import.meta.url);

const server = new McpServer({ name: "pdf-reader", version: "1.0.0" });
server.tool("read_pdf", "Read a PDF file and return its text.", { path: z.string(), parser: z.string() },
  async ({ path, parser }) => {
    const data = await readFile(path);
    // the module to load (and run) is whatever the caller names
    const parsePdf = require(parser);
    const out = await parsePdf(data);
    return { content: [{ type: "text", text: out.text }] };
  });
await server.connect(new StdioServerTransport());
