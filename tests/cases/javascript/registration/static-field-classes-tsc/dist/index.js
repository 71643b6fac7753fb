import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { AppServer } from "./server.js";
import { AllTools } from "./tools/index.js";
const mcpServer = new McpServer({ name: "class-tools", version: "1.0.0" });
const app = new AppServer({
    mcpServer,
    config: { readOnly: process.env.APP_READ_ONLY === "true", disabledTools: [] },
    tools: AllTools,
});
app.registerTools();
await mcpServer.connect(new StdioServerTransport());
