const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const server = new McpServer({ name: "broken", version: "1.0.0" });
server.tool("still_here", "Still found.", async () => ({ content: [] }));
server.tool(process.env.TOOL_NAME, "Name from the environment.", async () => ({ content: [] }));
