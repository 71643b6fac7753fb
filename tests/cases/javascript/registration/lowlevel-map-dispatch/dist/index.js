import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { zodToJsonSchema } from "zod-to-json-schema";
import { spawnSync } from "child_process";
import { createHash } from "crypto";
import * as S from "./schemas.js";

const DEFS = [
    { name: "fetch_url", description: "Fetch a web page.", schema: S.FetchArgs },
    { name: "run_command", description: "Run a shell command.", schema: S.RunArgs },
    { name: "hash_text", description: "SHA-256 of a text.", schema: S.HashArgs },
];

const handlers = {
    fetch_url: async (args) => (await fetch(args.url)).text(),
    run_command: async (args) => spawnSync(args.command, args.args ?? []).stdout.toString(),
    hash_text: async (args) => createHash("sha256").update(args.text).digest("hex"),
};

const server = new Server({ name: "lowmap", version: "1.0.0" }, { capabilities: { tools: {} } });

server.setRequestHandler(ListToolsRequestSchema, async () => {
    return {
        tools: DEFS.map((d) => ({ name: d.name, description: d.description, inputSchema: zodToJsonSchema(d.schema) })),
    };
});

server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const handler = handlers[request.params.name];
    if (!handler) throw new Error("unknown tool");
    const text = await handler(request.params.arguments ?? {});
    return { content: [{ type: "text", text }] };
});
