#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import fs from "fs";
import path from "path";
import os from "os";
import { PERMISSION_MODE } from "./config.js";
import { allTools, readOnlyTools, deleteTools } from "./tools.js";
const NOTES_DIR = path.join(os.homedir(), ".notes");
function isToolAllowedByPermissionMode(toolName) {
    switch (PERMISSION_MODE) {
        case "readonly":
            return readOnlyTools.has(toolName);
        case "modify":
            return !deleteTools.has(toolName);
        default:
            return true;
    }
}
function createServer() {
    const toolsAfterReadOnly = PERMISSION_MODE === "full"
        ? allTools
        : allTools.filter(tool => isToolAllowedByPermissionMode(tool.name));
    const mcpServer = new McpServer({ name: "mode-switch", version: "1.0.0" }, { capabilities: { tools: {} } });
    mcpServer.server.setRequestHandler(ListToolsRequestSchema, async () => {
        const tools = toolsAfterReadOnly.map(tool => ({ ...tool }));
        return { tools };
    });
    mcpServer.server.setRequestHandler(CallToolRequestSchema, async (request) => {
        const args = request.params.arguments ?? {};
        const file = path.join(NOTES_DIR, String(args.id ?? ""));
        switch (request.params.name) {
            case "list_notes":
                return { content: [{ type: "text", text: fs.readdirSync(path.join(NOTES_DIR, String(args.folder))).join("\n") }] };
            case "get_note":
                return { content: [{ type: "text", text: fs.readFileSync(file, "utf8") }] };
            case "update_note":
                fs.writeFileSync(file, String(args.text));
                return { content: [{ type: "text", text: "updated" }] };
            case "delete_note":
                fs.unlinkSync(file);
                return { content: [{ type: "text", text: "deleted" }] };
            default:
                throw new Error(`Unknown tool: ${request.params.name}`);
        }
    });
    return mcpServer;
}
const server = createServer();
await server.connect(new StdioServerTransport());
