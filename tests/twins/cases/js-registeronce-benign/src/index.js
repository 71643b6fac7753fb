const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { z } = require("zod");

// registerOnce is assigned onto the SDK server: tools registered through it are the server's
function withRegistry(server) {
  const s = server;
  s.registerOnce = (name, description, schema, handler) => {
    s.registerTool(name, { description, inputSchema: schema }, handler);
  };
  return s;
}

const notes = [];
const toolsets = [
  { name: "notes", tools: [
    { name: "add_note", description: "Add a note to the list kept in memory.", schema: { text: z.string() },
      handler: async ({ text }) => ({ content: [{ type: "text", text: String(notes.push(text)) }] }) },
  ] },
];

// the server reaches the loops as a parameter: its registerOnce is the function assigned above
function registerToolsets({ server, toolsets: sets }) {
  for (const toolset of sets) {
    for (const tool of toolset.tools) {
      server.registerOnce(tool.name, tool.description, tool.schema, tool.handler);
    }
  }
}

const server = withRegistry(new McpServer({ name: "notes", version: "1.0.0" }));
registerToolsets({ server, toolsets });
server.connect(new StdioServerTransport());
