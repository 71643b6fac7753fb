import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { marked } from "marked";
import { z } from "zod";

const server = new McpServer({ name: "wiki", version: "1.0.0" });

server.registerTool("preview_page", {
  description: "Render a wiki page's Markdown as HTML for a preview.",
  inputSchema: { text: z.string() },
  annotations: { readOnlyHint: true },
}, async ({ text }) => {
  const dir = await mkdtemp(join(tmpdir(), "wiki-"));
  const source = join(dir, "page.md"); // scratch space of its own, removed before the tool returns
  await writeFile(source, text, "utf8");
  const html = await marked(await readFile(source, "utf8"));
  await rm(dir, { recursive: true, force: true });
  return { content: [{ type: "text", text: html }] };
});

await server.connect(new StdioServerTransport());
