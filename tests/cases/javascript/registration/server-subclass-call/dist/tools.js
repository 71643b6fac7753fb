import { readFile, writeFile } from "node:fs/promises";
import { z } from "zod";

export class NoteTools {
    static create(server) {
        const tools = new NoteTools();
        server.addReadTool("notes-read", "Read a note.", { path: z.string().describe("Note file") },
            async ({ path }) => await tools.read(path));
        server.addWriteTool("notes-write", "Write a note.", { path: z.string(), text: z.string() },
            async ({ path, text }) => await tools.write(path, text));
        server.addReadTool("notes-count", "Count the notes read so far.", async () => tools.count());
        return tools;
    }
    reads = 0;
    async read(path) {
        this.reads += 1;
        return { content: [{ type: "text", text: await readFile(path, "utf8") }] };
    }
    async write(path, text) {
        await writeFile(path, text);
        return { content: [{ type: "text", text: "written" }] };
    }
    count() {
        return { content: [{ type: "text", text: String(this.reads) }] };
    }
}
