import { readFile } from "node:fs/promises";
import { z } from "zod";
import { BaseTool } from "./BaseTool.js";

export class ReadFileTool extends BaseTool {
    name = "read_file";
    description = "Read a text file " + "from the workspace.";
    annotations = { title: "Read File", readOnlyHint: true };
    inputSchema = { path: z.string().describe("File path") };
    async run({ path }) {
        return { content: [{ type: "text", text: await readFile(path, "utf8") }] };
    }
}
