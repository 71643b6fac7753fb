#!/usr/bin/env node
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const mcp_js_1 = require("@modelcontextprotocol/sdk/server/mcp.js");
const stdio_js_1 = require("@modelcontextprotocol/sdk/server/stdio.js");
const zod_1 = require("zod");
const database_1 = require("./database");
class NotesServer {
    constructor(dbPath) {
        this.db = null;
        this.dbPath = dbPath;
        this.server = new mcp_js_1.McpServer({ name: "notes-db", version: "1.0.0" });
        this.registerTools();
    }
    async ensureDb() {
        if (!this.db) {
            this.db = await (0, database_1.openDatabase)(this.dbPath);
        }
    }
    registerTools() {
        this.server.registerTool("add_note", {
            description: "Add a note.",
            inputSchema: { text: zod_1.z.string() },
            annotations: { readOnlyHint: false },
        }, async ({ text }) => {
            await this.ensureDb();
            this.db.prepare("INSERT INTO notes (text) VALUES (?)").run(text);
            return { content: [{ type: "text", text: "added" }] };
        });
        this.server.registerTool("delete_note", {
            description: "Delete a note.",
            inputSchema: { id: zod_1.z.number() },
            annotations: { destructiveHint: true },
        }, async ({ id }) => {
            await this.ensureDb();
            const stmt = this.db.prepare("DELETE FROM notes WHERE id = ?");
            stmt.run(id);
            return { content: [{ type: "text", text: "deleted" }] };
        });
        this.server.registerTool("get_note", {
            description: "Read one note.",
            inputSchema: { id: zod_1.z.number() },
            annotations: { readOnlyHint: true },
        }, async ({ id }) => {
            await this.ensureDb();
            const row = this.db.prepare("SELECT text FROM notes WHERE id = ?").get(id);
            return { content: [{ type: "text", text: row ? String(row.text) : "none" }] };
        });
        this.server.registerTool("list_notes", {
            description: "List the notes.",
            inputSchema: {},
            annotations: { readOnlyHint: true },
        }, async () => {
            await this.ensureDb();
            const stmt = this.db.prepare("SELECT id, text FROM notes");
            const rows = stmt.all();
            return { content: [{ type: "text", text: JSON.stringify(rows) }] };
        });
    }
    async run() {
        await this.server.connect(new stdio_js_1.StdioServerTransport());
    }
}
new NotesServer(process.env.NOTES_DB || "notes.db").run();
