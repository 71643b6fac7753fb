export const allTools = [
    {
        name: "list_notes",
        description: "List the notes of a folder.",
        inputSchema: { type: "object", properties: { folder: { type: "string" } }, required: ["folder"] },
    },
    {
        name: "get_note",
        description: "Read one note.",
        inputSchema: { type: "object", properties: { id: { type: "string" } }, required: ["id"] },
    },
    {
        name: "update_note",
        description: "Replace the text of a note.",
        inputSchema: { type: "object", properties: { id: { type: "string" }, text: { type: "string" } }, required: ["id", "text"] },
    },
    {
        name: "delete_note",
        description: "Delete a note.",
        inputSchema: { type: "object", properties: { id: { type: "string" } }, required: ["id"] },
    },
];
export const readOnlyTools = new Set(["list_notes", "get_note"]);
export const deleteTools = new Set(["delete_note"]);
