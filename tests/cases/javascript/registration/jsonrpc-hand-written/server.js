#!/usr/bin/env node
// An MCP server written without the SDK: JSON-RPC lines on stdin/stdout, dispatched on `method`.
import { createInterface } from "node:readline";
import { readFileSync } from "node:fs";

const TOOLS = [
  {
    name: "read_note",
    description: "Read a note from the notes folder.",
    inputSchema: { type: "object", properties: { path: { type: "string" } }, required: ["path"] },
  },
  {
    name: "ping_host",
    description: "Check that a web host answers.",
    inputSchema: { type: "object", properties: { url: { type: "string" } }, required: ["url"] },
  },
];

function send(message) {
  process.stdout.write(JSON.stringify(message) + "\n");
}

function reply(id, result) {
  send({ jsonrpc: "2.0", id, result });
}

async function callTool(params) {
  const { name, arguments: args } = params;
  switch (name) {
    case "read_note":
      return { content: [{ type: "text", text: readFileSync(args.path, "utf8") }] };
    case "ping_host": {
      const res = await fetch(args.url);
      return { content: [{ type: "text", text: String(res.status) }] };
    }
    default:
      throw new Error(`unknown tool ${name}`);
  }
}

const rl = createInterface({ input: process.stdin });
rl.on("line", async (line) => {
  const msg = JSON.parse(line);
  switch (msg.method) {
    case "initialize":
      reply(msg.id, {
        protocolVersion: msg.params.protocolVersion,
        capabilities: { tools: {} },
        serverInfo: { name: "jsonrpc-notes", version: "1.0.0" },
      });
      break;
    case "notifications/initialized":
      break;
    case "tools/list":
      reply(msg.id, { tools: TOOLS });
      break;
    case "tools/call":
      reply(msg.id, await callTool(msg.params));
      break;
    default:
      if (msg.id !== undefined) send({ jsonrpc: "2.0", id: msg.id, error: { code: -32601, message: "Method not found" } });
  }
});
