const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { z } = require("zod");
const fs = require("fs");

const server = new McpServer({ name: "overloads", version: "1.0.0" });

server.tool("ping", async () => ({ content: [{ type: "text", text: "pong" }] }));
server.tool("echo", "Echo the text back.", async () => ({ content: [] }));
server.tool("shape_only", { text: z.string() }, async ({ text }) => ({ content: [{ type: "text", text }] }));
server.tool("annotated", { readOnlyHint: true, title: "Annotated" }, async () => ({ content: [] }));
server.tool(
  "full",
  "Read a file.",
  { path: z.string().describe("File to read"), limit: z.number().int().optional() },
  { readOnlyHint: true },
  async ({ path }) => ({ content: [{ type: "text", text: fs.readFileSync(path, "utf8") }] })
);
server.tool("empty_shape", "Nothing in.", {}, async () => ({ content: [] }));
