import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { recallDocuments } from "./recall.js";

function parseFlags(argv) {
  const out = { domain: process.env.QUILL_DOMAIN };
  for (let i = 0; i < argv.length - 1; i++) {
    if (argv[i] === "--domain") out.domain = argv[i + 1];
  }
  return out;
}

function start(options) {
  const server = new McpServer({ name: "quill-mcp", version: "1.0.0" });
  server.tool("openplatform_developer_document_recall",
    "Recall for relevant documents in all of the Quill Open Platform Developer Documents based on user input.",
    { query: z.string().describe("user input") },
    async ({ query }) => {
      const results = await recallDocuments(query, options);
      return { content: [{ type: "text", text: results.join("\n\n") }] };
    });
  server.connect(new StdioServerTransport());
}

start(parseFlags(process.argv.slice(2)));
