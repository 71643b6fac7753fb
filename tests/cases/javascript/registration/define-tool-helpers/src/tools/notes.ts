import { readFile } from "node:fs/promises";
import { z } from "zod";
import { defineTool } from "./define.js";

export const readNote = defineTool({
  name: "read_note",
  description: "Read a note from the notes folder.",
  parameters: { path: z.string().describe("Path of the note") },
  execute: async ({ path }) => readFile(path, "utf8"),
});
