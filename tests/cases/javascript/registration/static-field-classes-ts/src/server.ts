import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { ToolBase, ToolServer } from "./toolBase.js";

type ToolClass = new (server: ToolServer) => ToolBase;

export class AppServer implements ToolServer {
    public readonly tools: ToolBase[] = [];
    public readonly mcpServer: McpServer;
    public readonly config: ToolServer["config"];
    private readonly toolConstructors: ToolClass[];

    constructor({ mcpServer, config, tools }: { mcpServer: McpServer; config: ToolServer["config"]; tools: ToolClass[] }) {
        this.mcpServer = mcpServer;
        this.config = config;
        this.toolConstructors = tools;
    }

    registerTools(): void {
        for (const toolConstructor of this.toolConstructors) {
            const tool = new toolConstructor(this);
            if (tool.register()) {
                this.tools.push(tool);
            }
        }
    }
}
