import { MCPServer } from "@mastra/mcp";
import { z } from "zod";
import { readFile } from "node:fs/promises";

const readDocTool = {
  name: "readDoc",
  description: "Read a page of the bundled documentation.",
  parameters: z.object({ page: z.string().describe("Page path, e.g. guides/intro.md") }),
  execute: async (args) => readFile(new URL(`../docs/${args.page}`, import.meta.url), "utf8"),
};

const searchTools = {
  searchDocs: {
    description: "Search the online documentation.",
    parameters: z.object({ query: z.string(), limit: z.number().optional() }),
    execute: async (args) => (await fetch(`https://docs.example.com/search?q=${encodeURIComponent(args.query)}`)).text(),
  },
};

const server = new MCPServer({
  name: "Docs Server",
  version: "1.0.0",
  tools: {
    docs_read: readDocTool,
    ...searchTools,
  },
});

await server.startStdio();
