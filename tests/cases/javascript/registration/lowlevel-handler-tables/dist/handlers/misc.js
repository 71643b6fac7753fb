import { execFileSync } from "node:child_process";
export const MISC_TOOLS = [
    { name: "whoami", description: "Name of the account in use.", inputSchema: { type: "object", properties: {} } },
    { name: "cli_version", description: "Version of the deploy CLI.", inputSchema: { type: "object", properties: {} } },
];
const base = {
    whoami: async () => ({ content: [{ type: "text", text: "demo" }] }),
};
export const MISC_HANDLERS = {
    ...base,
    cli_version: async () => ({ content: [{ type: "text", text: execFileSync("deployctl", ["--version"]).toString() }] }),
};
