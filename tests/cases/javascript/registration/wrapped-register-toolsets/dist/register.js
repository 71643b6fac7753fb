const asResult = (handler) => async (args) => {
    const value = await handler(args);
    return { content: [{ type: 'text', text: JSON.stringify(value) }] };
};
export function registerTools(server, group, options) {
    const { prefix } = options;
    registerToolsets({ server, toolsets: group.toolsets, prefix });
    registerToolsets({
        server,
        toolsets: group.toolsets.map((ts) => ({ enabled: ts.enabled, tools: ts.nativeTools ?? [] })),
        prefix,
    });
}
function registerToolsets({ server, toolsets, prefix }) {
    for (const toolset of toolsets) {
        if (!toolset.enabled) {
            continue;
        }
        for (const tool of toolset.tools) {
            const named = `${prefix}${tool.name}`;
            server.registerOnce(named, tool.description, tool.schema, asResult(tool.handler));
        }
    }
}
