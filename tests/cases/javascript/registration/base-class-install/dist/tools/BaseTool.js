// Each tool is a class; the base class installs an instance on the server under the names and
// texts its subclass declares in fields.
export class BaseTool {
    server = null;
    constructor(params = {}) {
        this.inputSchema = params.inputSchema;
    }
    installTo(server) {
        this.server = server;
        const config = {
            title: this.annotations.title,
            description: this.description,
            inputSchema: this.inputSchema,
            annotations: this.annotations,
        };
        return server.registerTool(this.name, config, (args, extra) => this.run(args, extra));
    }
}
