#!/usr/bin/env node
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { ListToolsRequestSchema, CallToolRequestSchema, McpError, ErrorCode } from "@modelcontextprotocol/sdk/types.js";
import { getItem, getItemSchema } from "./tools/get-item.js";
import { deleteItem, deleteItemSchema } from "./tools/delete-item.js";
import { runJob, runJobSchema } from "./tools/run-job.js";
import { ping, pingSchema } from "./tools/ping.js";
import { cleanupSchema } from "./config/cleanup.js";
import { withTelemetry } from "./middleware/telemetry.js";

const readOnly = process.env.READ_ONLY === "true";
const allowed = process.env.ALLOWED_TOOLS ? new Set(process.env.ALLOWED_TOOLS.split(",")) : null;
const isToolAllowed = (name) => (allowed ? allowed.has(name) : true);

const readonlyTools = [getItemSchema, pingSchema];
const allTools = [
    // maintenance
    cleanupSchema,
    getItemSchema,
    deleteItemSchema,
    runJobSchema,
    pingSchema,
];
const cache = new Map();

const server = new Server({ name: "lowfilter", version: "1.0.0" }, { capabilities: { tools: {} } });

server.setRequestHandler(ListToolsRequestSchema, async () => {
    const baseTools = readOnly ? readonlyTools : allTools;
    const tools = baseTools.filter((tool) => isToolAllowed(tool.name));
    return { tools };
});

server.setRequestHandler(CallToolRequestSchema, withTelemetry(async (request) => {
    const { name, arguments: input = {} } = request.params;
    if (!isToolAllowed(name)) {
        throw new McpError(ErrorCode.InvalidRequest, `Tool '${name}' is not allowed`);
    }
    if (name === "get_item") {
        return await getItem(input);
    }
    if (name === "delete_item") {
        return await deleteItem(input);
    }
    switch (name) {
        case "cleanup": {
            cache.clear();
            return { content: [] };
        }
        case "run_job":
            return runJob(input);
        case "ping":
            return await ping();
        default:
            throw new McpError(ErrorCode.InvalidRequest, `Unknown tool: ${name}`);
    }
}));

await server.connect(new StdioServerTransport());
