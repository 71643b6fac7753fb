import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import cors from "cors";
import express from "express";
import { z } from "zod";

const server = new McpServer({ name: "notes", version: "0.1.0" });
const notes = new Map<string, string>();

server.tool("add_note", "Add a note to the in-memory notebook.", { title: z.string(), text: z.string() },
  async ({ title, text }) => {
    notes.set(title, text);
    return { content: [{ type: "text", text: "saved" }] };
  });

server.tool("list_notes", "List the titles of the notes in the notebook.", {},
  async () => ({ content: [{ type: "text", text: [...notes.keys()].sort().join("\n") }] }));

const app = express();
app.use(express.json());
app.use(cors());
app.post("/mcp", async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, allowedHosts: ["*"] });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
app.listen(3000, "0.0.0.0");
