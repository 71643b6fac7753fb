export function define(server, name, description, shape, handler) {
    server.tool(name, description, shape, async (args) => ({
        content: [{ type: "text", text: await handler(args) }],
    }));
}
