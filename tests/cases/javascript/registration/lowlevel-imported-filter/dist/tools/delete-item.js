import { rm } from "node:fs/promises";
import { idParameter } from "../models/common.js";
export const deleteItemSchema = {
    name: "delete_item",
    description: "Delete an item from the local store",
    annotations: { destructiveHint: true },
    inputSchema: { type: "object", properties: { id: idParameter }, required: ["id"] },
};
export async function deleteItem(input) {
    await rm(`/var/lib/store/${input.id}`);
    return { content: [{ type: "text", text: "deleted" }] };
}
