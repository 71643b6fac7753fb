// A Map from each tool's name to its instance, filled by a registration function called once per tool.
const toolMap = new Map();
export function registerTool(tool) {
    toolMap.set(tool.tool.name, tool);
    return tool;
}
export const getTools = () => Array.from(toolMap.values()).map((impl) => impl.tool);
export const handleToolCall = async (name, args) => {
    const impl = toolMap.get(name);
    if (impl) {
        return await impl.handleRequest(args);
    }
    return { content: [{ type: "text", text: `Unknown tool: ${name}` }], isError: true };
};
