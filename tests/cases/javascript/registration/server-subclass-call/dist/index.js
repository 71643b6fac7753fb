import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { AccessServer } from "./server.js";
import { NoteTools } from "./tools.js";

const server = new AccessServer({ readonly: process.env.NOTES_READONLY === "true" });
NoteTools.create(server);
await server.connect(new StdioServerTransport());
