import { writeFile } from "node:fs/promises";
import { join } from "node:path";

function text(value: string) {
  return { content: [{ type: "text", text: value }] };
}

export async function handleToolCall(name: string, args: Record<string, unknown>) {
  switch (name) {
    case "fetch_page": {
      const response = await fetch(String(args.url));
      return text(await response.text());
    }
    case "save_note":
      await writeFile(join("notes", `${String(args.title)}.md`), String(args.text));
      return text("saved");
    case "word_count":
      return text(String(String(args.text).split(/\s+/).filter(Boolean).length));
    default:
      throw new Error(`Unknown tool: ${name}`);
  }
}
