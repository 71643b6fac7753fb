import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { readFileSync } from "node:fs";
import DEFAULT_TEXT, { PRODUCT, LIMIT as MAX } from "./text.mjs";

const server = new McpServer({ name: "escapes", version: "1.0.0" });
const SUFFIX = ` (at most ${MAX} items)`;

server.registerTool("surrogates", { description: "Tag\uDB40\uDC41\u{E0042} and \x41\u0042 \
continued" }, async () => ({ content: [] }));
server.registerTool("template", { description: `List ${PRODUCT} parts` + SUFFIX }, async () => ({ content: [] }));
server.registerTool("default_import", { description: DEFAULT_TEXT }, async () => ({ content: [] }));
server.registerTool("from_file", { description: readFileSync(new URL("./desc.txt", import.meta.url), "utf8") },
  async () => ({ content: [] }));
