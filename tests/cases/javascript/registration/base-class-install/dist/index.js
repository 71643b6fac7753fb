import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { ReadFileTool } from "./tools/ReadFileTool.js";
import { WeatherTool } from "./tools/HttpTool.js";

const server = new McpServer({ name: "base-class-tools", version: "1.0.0" });
const TOOLS = [new ReadFileTool(), new WeatherTool()];
for (const tool of TOOLS) {
    tool.installTo(server);
}
await server.connect(new StdioServerTransport());
