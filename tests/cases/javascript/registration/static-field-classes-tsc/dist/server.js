export class AppServer {
    constructor({ mcpServer, config, tools }) {
        this.tools = [];
        this.mcpServer = mcpServer;
        this.config = config;
        this.toolConstructors = tools;
    }
    registerTools() {
        for (const toolConstructor of this.toolConstructors) {
            const tool = new toolConstructor(this);
            if (tool.register()) {
                this.tools.push(tool);
            }
        }
    }
}
