import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import fs from "fs/promises";
export const server = new Server({ name: "client-guard", version: "1.0.0" }, { capabilities: { tools: {} } });
let currentClient = { name: 'uninitialized', version: 'uninitialized' };
server.oninitialized = () => {
    const info = server.getClientVersion();
    if (info) {
        currentClient = { name: info.name || currentClient.name, version: info.version || currentClient.version };
    }
};
/**
 * Whether a tool is listed for the connected client (the desktop app has its own feedback and prompts).
 */
function shouldIncludeTool(toolName) {
    if (currentClient?.name === 'desk-app') {
        if (toolName === 'give_feedback' || toolName === 'get_prompts') {
            return false;
        }
    }
    return true;
}
server.setRequestHandler(ListToolsRequestSchema, async () => {
    try {
        const allTools = [
            {
                name: "read_file",
                description: "Read the contents of a file.",
                inputSchema: { type: "object", properties: { path: { type: "string" } }, required: ["path"] },
            },
            {
                name: "give_feedback",
                description: "Open the feedback form.",
                inputSchema: { type: "object", properties: {} },
            },
            {
                name: "get_prompts",
                description: "List the onboarding prompts.",
                inputSchema: { type: "object", properties: {} },
            },
        ];
        const filteredTools = allTools.filter(tool => shouldIncludeTool(tool.name));
        return {
            tools: filteredTools,
        };
    }
    catch (error) {
        return { tools: [] };
    }
});
server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const { name, arguments: args } = request.params;
    switch (name) {
        case "read_file":
            return { content: [{ type: "text", text: await fs.readFile(String(args?.path), "utf8") }] };
        case "give_feedback":
            return { content: [{ type: "text", text: "Thanks." }] };
        case "get_prompts":
            return { content: [{ type: "text", text: "No prompts." }] };
        default:
            throw new Error(`Unknown tool: ${name}`);
    }
});
