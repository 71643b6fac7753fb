import { readFile } from "node:fs/promises";

export function registerFileTools(registry) {
    registry.registerTool({
        name: "read_note",
        description: "Read a note from the notes folder.",
        inputSchema: { type: "object", properties: { path: { type: "string" } }, required: ["path"] },
        handler: async (args) => ({ content: [{ type: "text", text: await readFile(args.path, "utf8") }] }),
    });
    registry.registerTool({
        name: "count_notes",
        description: "Count the notes.",
        handler: async () => ({ content: [{ type: "text", text: "0" }] }),
    });
}
