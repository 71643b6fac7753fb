export const pingSchema = {
    name: "ping",
    description: "Check that the server answers.",
    inputSchema: { type: "object", properties: {}, required: [] },
    annotations: { readOnlyHint: true },
};
export async function ping() {
    return { content: [] };
}
