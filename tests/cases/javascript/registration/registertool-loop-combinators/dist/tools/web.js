import { z } from "zod";
export const registry = {
    download: {
        name: "download",
        description: "Download a URL and return its body.",
        schema: z.object({ url: z.string().url() }),
        handler: async ({ url }) => ({ content: [{ type: "text", text: await (await fetch(url)).text() }] }),
    },
    uppercase: {
        name: "uppercase",
        description: "Upper-case a text.",
        schema: z.object({ text: z.string().min(1) }),
        handler: async ({ text }) => ({ content: [{ type: "text", text: text.toUpperCase() }] }),
    },
};
