export function registerWebTools(registry) {
    registry.registerTool({
        name: "fetch_page",
        description: "Fetch a web page.",
        inputSchema: { type: "object", properties: { url: { type: "string" } }, required: ["url"] },
        handler: async (args) => {
            const res = await fetch(args.url);
            return { content: [{ type: "text", text: await res.text() }] };
        },
    });
}
