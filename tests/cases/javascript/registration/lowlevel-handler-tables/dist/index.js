#!/usr/bin/env node
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { FILE_TOOLS, FILE_HANDLERS } from "./handlers/files.js";
import { BUCKET_TOOLS, BUCKET_HANDLERS } from "./handlers/buckets.js";
import { MISC_TOOLS, MISC_HANDLERS } from "./handlers/misc.js";

const ALL_TOOLS = [...FILE_TOOLS, ...BUCKET_TOOLS, ...MISC_TOOLS];

const server = new Server({ name: "handlertables", version: "1.0.0" }, { capabilities: { tools: {} } });

server.setRequestHandler(ListToolsRequestSchema, async () => {
    return { tools: ALL_TOOLS };
});

server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const toolName = request.params.name;
    if (toolName in FILE_HANDLERS) {
        return await FILE_HANDLERS[toolName](request);
    }
    if (toolName in BUCKET_HANDLERS) {
        return await BUCKET_HANDLERS[toolName](request);
    }
    const handler = MISC_HANDLERS[toolName];
    if (handler) {
        return await handler(request);
    }
    throw new Error(`Unknown tool: ${toolName}`);
});

await server.connect(new StdioServerTransport());
