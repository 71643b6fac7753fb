import { createMcpServer, type Tool } from "@supabase/mcp-utils";
import { getNoteTools } from "./tools/note-tools.js";
import { getWebTools } from "./tools/web-tools.js";

type NotesServerOptions = { root: string; web?: boolean };

export function createNotesServer(options: NotesServerOptions) {
  return createMcpServer({
    name: "notes",
    version: "1.0.0",
    tools: async () => {
      const tools: Record<string, Tool> = {};
      Object.assign(tools, getNoteTools({ root: options.root }));
      if (options.web !== false) {
        Object.assign(tools, getWebTools());
      }
      return tools;
    },
  });
}
