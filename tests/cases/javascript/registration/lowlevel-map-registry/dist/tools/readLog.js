import { readFile } from "node:fs/promises";
import { BaseTool } from "./baseTool.js";

const ToolDefinition = {
    name: "read-log",
    description: "Read the last lines of a log file.",
    inputSchema: { type: "object", properties: { path: { type: "string" } }, required: ["path"] },
};

export class ReadLogTool extends BaseTool {
    constructor() {
        super(ToolDefinition);
    }
    async process({ path }) {
        return { content: [{ type: "text", text: await readFile(path, "utf8") }] };
    }
}
