import { readFile } from "node:fs/promises";
import { idParameter } from "../models/common.js";
export const getItemSchema = {
    name: "get_item",
    description: "Read an item from the local store by id",
    annotations: { readOnlyHint: true },
    inputSchema: {
        type: "object",
        properties: { id: idParameter, format: { type: "string", enum: ["json", "yaml"], default: "json" } },
        required: ["id"],
    },
};
export async function getItem(input) {
    return { content: [{ type: "text", text: await readFile(`/var/lib/store/${input.id}`, "utf8") }] };
}
