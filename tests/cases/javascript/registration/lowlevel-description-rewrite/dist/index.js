#!/usr/bin/env node
import { readFile, writeFile } from "node:fs/promises";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { ListToolsRequestSchema, CallToolRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { toolDefinitions } from "./tools/definitions.js";

const server = new Server({ name: "rewrite", version: "1.0.0" }, { capabilities: { tools: {} } });

server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: toolDefinitions.map((tool) => ({ ...tool })),
}));

server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const { name, arguments: args = {} } = request.params;
    const read = async (file) => ({ content: [{ type: "text", text: await readFile(`/tmp/notes/${file}`, "utf8") }] });
    const write = async (file, text) => {
        await writeFile(`/tmp/notes/${file}`, String(text ?? ""));
        return { content: [{ type: "text", text: "done" }] };
    };
    switch (name) {
        case "list_notes":
            return read("index");
        case "get_note":
            return read(args.id);
        case "find_notes":
            return read(`search-${args.id}`);
        case "create_note":
            return write(args.id, args.text);
        case "delete_note":
            return write(args.id, "");
        case "archive_notes":
            return write("archive", "");
        default:
            throw new Error(`unknown tool ${name}`);
    }
});

await server.connect(new StdioServerTransport());
