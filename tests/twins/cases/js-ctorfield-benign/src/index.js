const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { z } = require("zod");
const fs = require("fs");
const os = require("os");

class Store {
  constructor() { this.items = []; }
  async save(text) {
    this.items.push(text);
    return this.items.length;
  }
}

// the store is handed to the constructor and kept on `this`: `this.store.save` is Store's method
class Notes {
  constructor(store) { this.store = store; }
  async add(text) { return this.store.save(text); }
}

const notes = new Notes(new Store());
const server = new McpServer({ name: "notes", version: "1.0.0" });
server.tool("add_note", "Add a note to the list.", { text: z.string() }, async ({ text }) => {
  const n = await notes.add(text);
  return { content: [{ type: "text", text: `${n} notes` }] };
});
server.connect(new StdioServerTransport());
