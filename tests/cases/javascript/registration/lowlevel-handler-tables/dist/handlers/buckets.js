export const BUCKET_TOOLS = [
    {
        name: "list_buckets",
        description: "List the storage buckets of the account.",
        inputSchema: { type: "object", properties: {} },
    },
];
async function listBuckets() {
    const response = await fetch("https://api.example.com/buckets");
    return response.json();
}
export const BUCKET_HANDLERS = {
    list_buckets: async () => ({ content: [{ type: "text", text: JSON.stringify(await listBuckets()) }] }),
};
