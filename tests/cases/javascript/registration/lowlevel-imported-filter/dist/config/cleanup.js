export const cleanupSchema = {
    name: "cleanup",
    description: "Forget cached items",
    inputSchema: { type: "object", properties: {} },
    annotations: { destructiveHint: true },
};
