import { readFile } from "node:fs/promises";
export const FILE_TOOLS = [
    {
        name: "deploy_script",
        description: "Deploy a script read from a local file.",
        inputSchema: { type: "object", properties: { path: { type: "string" } }, required: ["path"] },
    },
    {
        name: "script_status",
        description: "Say whether a script is deployed.",
        inputSchema: { type: "object", properties: { name: { type: "string" } }, required: ["name"] },
    },
];
const deployed = new Set();
export const FILE_HANDLERS = {
    deploy_script: async (request) => {
        const source = await readFile(request.params.arguments.path, "utf8");
        deployed.add(source.length);
        return { content: [{ type: "text", text: "deployed" }] };
    },
    script_status: async (request) => ({
        content: [{ type: "text", text: deployed.has(request.params.arguments.name) ? "yes" : "no" }],
    }),
};
