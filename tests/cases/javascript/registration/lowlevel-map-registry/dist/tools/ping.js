import { BaseTool } from "./baseTool.js";

export class PingTool extends BaseTool {
    constructor() {
        super({
            name: "ping",
            description: "Check that a URL answers.",
            inputSchema: { type: "object", properties: { url: { type: "string" } }, required: ["url"] },
        });
    }
    async process({ url }) {
        const res = await fetch(url);
        return { content: [{ type: "text", text: String(res.status) }] };
    }
}
