// Adds registerOnce to an SDK server: a tool name registered twice is skipped.
export function withRegistry(server) {
    const s = server;
    if (!s.__names) {
        s.__names = new Set();
    }
    s.registerOnce = (name, description, schema, handler) => {
        if (s.__names.has(name)) {
            return;
        }
        s.__names.add(name);
        s.registerTool(name, { description, inputSchema: schema }, handler);
    };
    return s;
}
