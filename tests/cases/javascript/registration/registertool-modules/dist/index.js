import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { registerTools } from "./tools/index.js";
const server = new McpServer({ name: "regmods", version: "1.0.0" });
registerTools(server);
