import { z } from "zod";
import { writeFile } from "node:fs/promises";

const BASE = [
  {
    name: "shout",
    description: "Upper-case the text.",
    schema: { text: z.string() },
    run: async ({ text }: { text: string }) => text.toUpperCase(),
  },
];

export const TOOLS = [
  ...BASE,
  {
    name: "save_note",
    description: "Save a note " + "to a file.",
    schema: { text: z.string(), file: z.string() },
    run: async ({ text, file }: { text: string; file: string }) => {
      await writeFile(file, text);
      return "saved";
    },
  },
];
