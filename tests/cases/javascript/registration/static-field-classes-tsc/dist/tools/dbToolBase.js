import { z } from "zod";
import { ToolBase } from "../toolBase.js";
// an intermediate class: names no tool of its own
export const DbArgs = {
    database: z.string().describe("Database name"),
};
export const CollArgs = {
    ...DbArgs,
    collection: z.string().describe("Collection name"),
};
export class DbToolBase extends ToolBase {
    text(text) {
        return { content: [{ type: "text", text }] };
    }
}
