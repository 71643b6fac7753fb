import { explain } from "./explain.js";

const verbose = 1 > 2;

export const toolDefinitions = [
    {
        name: "list_notes",
        description: "List the notes",
        inputSchema: { type: "object", properties: {} },
    },
    {
        name: "get_note",
        description: "Read one note.",
        inputSchema: { type: "object", properties: { id: { type: "string" } }, required: ["id"] },
    },
    {
        name: "find_notes",
        description: verbose ? "Search the notes by words, with a long explanation" : "Search the notes by words",
        inputSchema: { type: "object", properties: { id: { type: "string" } } },
    },
    {
        name: "create_note",
        description: "Create a note",
        inputSchema: { type: "object", properties: { id: { type: "string" }, text: { type: "string" } } },
    },
    {
        name: "delete_note",
        description: "Delete a note for good",
        inputSchema: { type: "object", properties: { id: { type: "string" } } },
    },
    {
        name: "archive_notes",
        description: "Archive old notes",
        inputSchema: { type: "object", properties: {} },
    },
];

export const readOnlyNames = new Set(["list_notes", "get_note", "find_notes"]);

const archive = toolDefinitions.find((t) => t.name === "archive_notes");
if (archive) {
    archive.description = archive.description + " that nobody has opened for a year";
}

for (const tool of toolDefinitions) {
    tool.description = explain(tool.name, tool.description, readOnlyNames.has(tool.name));
}
