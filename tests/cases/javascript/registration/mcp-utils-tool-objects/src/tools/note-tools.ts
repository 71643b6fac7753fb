import { tool } from "@supabase/mcp-utils";
import { readFile, readdir } from "node:fs/promises";
import { z } from "zod/v4";

type NoteToolsOptions = { root: string };

export function getNoteTools({ root }: NoteToolsOptions) {
  return {
    read_note: tool({
      description: "Read a note from the notes folder.",
      annotations: { title: "Read note", readOnlyHint: true },
      parameters: z.object({ name: z.string().describe("File name of the note") }),
      execute: async ({ name }) => readFile(`${root}/${name}`, "utf8"),
    }),
    list_notes: tool({
      description: "List the notes.",
      annotations: { title: "List notes", readOnlyHint: true },
      parameters: z.object({}),
      execute: async () => readdir(root),
    }),
  };
}
