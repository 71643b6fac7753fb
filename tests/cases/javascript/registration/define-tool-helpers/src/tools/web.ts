import { z } from "zod";
import { defineTool } from "./define.js";

export const webTools = [
  defineTool({
    name: "fetch_url",
    description: "Download a page.",
    parameters: { url: z.string().url(), maxBytes: z.number().int().optional() },
    execute: async ({ url }) => (await fetch(url)).text(),
  }),
  defineTool({
    name: "echo",
    description: "Repeat the text.",
    parameters: { text: z.string() },
    execute: async ({ text }) => text,
  }),
];
