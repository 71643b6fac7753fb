export class BaseTool {
    constructor(tool) {
        this.tool = tool;
    }
    async handleRequest(args) {
        return await this.process(args);
    }
}
