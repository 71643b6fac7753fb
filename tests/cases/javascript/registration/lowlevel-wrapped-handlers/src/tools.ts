import type { Tool } from "@modelcontextprotocol/sdk/types.js";

export function createToolDefinitions(): Tool[] {
  return [
    {
      name: "fetch_page",
      description: "Fetch a web page and return its text",
      inputSchema: {
        type: "object",
        properties: { url: { type: "string", description: "Address of the page" } },
        required: ["url"],
      },
    },
    {
      name: "save_note",
      description: "Save a note to the notes folder",
      inputSchema: {
        type: "object",
        properties: { title: { type: "string" }, text: { type: "string" } },
        required: ["title", "text"],
      },
    },
    {
      name: "word_count",
      description: "Count the words of a text",
      inputSchema: { type: "object", properties: { text: { type: "string" } }, required: ["text"] },
    },
  ];
}
