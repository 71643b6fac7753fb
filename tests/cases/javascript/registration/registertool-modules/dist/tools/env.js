const PREFIX = "Returns";
export function register(server) {
    server.registerTool("get-env", { description: `${PREFIX} all environment variables`, inputSchema: {} }, async () => ({
        content: [{ type: "text", text: JSON.stringify(process.env, null, 2) }],
    }));
}
