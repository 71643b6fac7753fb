import { tool } from "@supabase/mcp-utils";
import { z } from "zod/v4";

export function getWebTools() {
  return {
    fetch_page: tool({
      description: "Fetch a web page.",
      parameters: z.object({ url: z.string() }),
      execute: async ({ url }) => (await fetch(url)).text(),
    }),
    word_count: tool({
      description: "Count the words of a text.",
      parameters: z.object({ text: z.string() }),
      execute: async ({ text }) => text.split(/\s+/).filter(Boolean).length,
    }),
  };
}
