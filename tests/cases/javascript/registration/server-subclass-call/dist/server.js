import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";

// A server subclass whose own registration methods take the SDK's `tool()` arguments, sort them by
// their count and reach the SDK's registerTool through the prototype (its own `tool` is disabled).
export class AccessServer extends McpServer {
    constructor({ readonly }) {
        super({ name: "access-server", version: "1.0.0" });
        this.readonly = readonly;
    }
    parseRegistration(access, args) {
        const [name] = args;
        const config = { annotations: { readOnlyHint: access === "read" } };
        switch (args.length) {
            case 3:
                config.description = args[1];
                return { name, config, cb: args[2], hasInputSchema: false };
            case 4:
                config.description = args[1];
                config.inputSchema = args[2];
                return { name, config, cb: args[3], hasInputSchema: true };
            default:
                throw new Error("Unsupported tool registration arguments.");
        }
    }
    registerWithAccess(access, ...args) {
        const { name, config, cb, hasInputSchema } = this.parseRegistration(access, args);
        return McpServer.prototype.registerTool.call(this, name, config,
            hasInputSchema ? async (input, extra) => await cb(input, extra) : async (_input, extra) => await cb(extra));
    }
    addReadTool(...args) {
        return this.registerWithAccess("read", ...args);
    }
    addWriteTool(...args) {
        if (this.readonly) return null;
        return this.registerWithAccess("write", ...args);
    }
    tool() {
        throw new Error("Call addReadTool or addWriteTool instead.");
    }
}
