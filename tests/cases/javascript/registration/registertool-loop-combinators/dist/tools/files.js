import { z } from "zod";
import { readdir, unlink } from "node:fs/promises";
export const listDir = {
    name: "list_dir",
    title: "List folder",
    description: "List the entries of a folder.",
    schema: z.object({ path: z.string().describe("Folder to list"), hidden: z.boolean().default(false) }),
    annotations: { readOnlyHint: true },
    handler: async ({ path }) => ({ content: [{ type: "text", text: (await readdir(path)).join("\n") }] }),
};
export const removeFile = {
    name: "remove_file",
    title: "Remove file",
    description: "Delete one file.",
    schema: z.object({ path: z.string() }),
    annotations: { destructiveHint: true },
    handler: async ({ path }) => {
        await unlink(path);
        return { content: [{ type: "text", text: "removed" }] };
    },
};
