#!/usr/bin/env node
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { ToolRegistry } from "./registry.js";
import { registerFileTools } from "./tools/files.js";
import { registerWebTools } from "./tools/web.js";

// a class expression with a name of its own, used inside it (as bundlers write `var Kh = class t {…}`)
const NotesServer = class NotesServerImpl {
    constructor(server) {
        this.server = server;
        this.toolRegistry = new ToolRegistry(server);
    }
    static create(server) {
        const s = new NotesServerImpl(server);
        registerFileTools(s.toolRegistry);
        registerWebTools(s.toolRegistry);
        return s;
    }
};

const server = new Server({ name: "registry-instance", version: "1.0.0" }, { capabilities: { tools: {} } });
NotesServer.create(server);
await server.connect(new StdioServerTransport());
