import { z } from "zod";
// Tools are classes: the class names its tool in static fields, the instance carries the
// description and the arguments; the base class registers an instance with the SDK.
export class ToolBase {
    constructor(server) {
        this.server = server;
        const { toolName, operationType } = this.constructor;
        this.name = toolName;
        this.operationType = operationType;
    }
    register() {
        if (this.server.config.readOnly && this.operationType !== "read") {
            return false;
        }
        if (this.server.config.disabledTools.includes(this.name)) {
            return false;
        }
        this.server.mcpServer.registerTool(this.name, {
            description: this.description,
            inputSchema: ToolBase.strictSchema(this.argsShape()),
            annotations: { title: this.name, readOnlyHint: this.operationType === "read" },
        }, (args) => this.execute(args));
        return true;
    }
    static strictSchema(shape) {
        return z.object(shape).strict();
    }
}
