import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z, type ZodRawShape } from "zod";

export type OperationType = "read" | "create" | "delete";

export interface ToolServer {
    mcpServer: McpServer;
    config: { readOnly: boolean; disabledTools: string[] };
}

// Tools are classes: the class names its tool in static fields, the instance carries the
// description and the arguments; the base class registers an instance with the SDK.
export abstract class ToolBase {
    static toolName: string;
    static operationType: OperationType;

    public name: string;
    public operationType: OperationType;
    public abstract description: string;

    protected abstract argsShape(): ZodRawShape;
    protected abstract execute(args: Record<string, unknown>): Promise<CallToolResult>;

    constructor(protected readonly server: ToolServer) {
        const { toolName, operationType } = this.constructor as typeof ToolBase;
        this.name = toolName;
        this.operationType = operationType;
    }

    register(): boolean {
        if (this.server.config.readOnly && this.operationType !== "read") {
            return false;
        }
        if (this.server.config.disabledTools.includes(this.name)) {
            return false;
        }
        this.server.mcpServer.registerTool(
            this.name,
            {
                description: this.description,
                inputSchema: ToolBase.strictSchema(this.argsShape()),
                annotations: { title: this.name, readOnlyHint: this.operationType === "read" },
            },
            (args) => this.execute(args),
        );
        return true;
    }

    static strictSchema(shape: ZodRawShape) {
        return z.object(shape).strict();
    }
}
