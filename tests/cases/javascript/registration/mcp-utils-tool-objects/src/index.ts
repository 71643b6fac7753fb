#!/usr/bin/env node
import { StdioServerTransport } from "@modelcontextprotocol/server/stdio";
import { createNotesServer } from "./server.js";

const server = createNotesServer({ root: process.env.NOTES_DIR ?? "notes" });
await server.connect(new StdioServerTransport());
