#!/usr/bin/env node
import { readFile } from "node:fs/promises";
import { createServer, stdio, text, tool } from "@sylphx/mcp-server-sdk";
import { object, str } from "@sylphx/vex";

const listNotes = tool()
  .description("Lists the notes.")
  .handler(async () => text("a.txt b.txt"));

const readNote = tool()
  .description("Reads a note (draft text).")
  .input(object({ name: str() }))
  .description("Reads one note from the notes folder.")
  .handler(async ({ input }) => text(await readFile(`/tmp/notes/${input.name}`, "utf8")));

const server = createServer({
  name: "notes-builder",
  version: "1.0.0",
  tools: { list_notes: listNotes, read_note: readNote },
  transport: stdio(),
});

await server.start();
