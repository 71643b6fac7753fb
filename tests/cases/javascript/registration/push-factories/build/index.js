import { McpServer as SdkServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createTools } from './tools/tools.js';
class Server {
    server = new SdkServer({ name: 'notes', version: '1.0.0' });
    #args;
    constructor(args) {
        this.#args = args;
    }
    init() {
        for (const tool of createTools(this.#args)) {
            this.#registerTool(tool);
        }
    }
    #registerTool(tool) {
        this.server.registerTool(tool.name, {
            description: tool.description,
            inputSchema: tool.schema,
        }, async (params) => tool.handler({ params }));
    }
}
const s = new Server({ dir: process.env.NOTES_DIR ?? '/tmp/notes' });
s.init();
await s.server.connect(new StdioServerTransport());
