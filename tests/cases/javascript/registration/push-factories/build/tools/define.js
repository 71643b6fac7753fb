export function defineTool(definition) {
    return definition;
}
export function definePageTool(definition) {
    return (args) => {
        const tool = definition(args);
        return { ...tool, pageScoped: true };
    };
}
