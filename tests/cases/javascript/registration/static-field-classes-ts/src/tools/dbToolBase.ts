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

export abstract class DbToolBase extends ToolBase {
    protected text(text: string) {
        return { content: [{ type: "text" as const, text }] };
    }
}
