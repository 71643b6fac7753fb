import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";

const EMPTY_SCHEMA = { type: "object", properties: {} };

// A registry object: each registerTool({name, description, inputSchema, handler}) call stores an entry in
// the instance's Map; the ListTools handler answers the enabled entries.
export class ToolRegistry {
    tools = new Map();
    handlersInitialized = false;
    constructor(server) {
        this.server = server;
    }
    registerTool(def) {
        const entry = {
            name: def.name,
            description: def.description,
            inputSchema: def.inputSchema ?? EMPTY_SCHEMA,
            handler: def.handler,
            enabled: def.enabled ?? true,
        };
        this.tools.set(def.name, entry);
        this.ensureHandlersInitialized();
    }
    ensureHandlersInitialized() {
        if (this.handlersInitialized) {
            return;
        }
        this.server.setRequestHandler(ListToolsRequestSchema, () => ({
            tools: Array.from(this.tools.values())
                .filter((t) => t.enabled)
                .map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema })),
        }));
        this.server.setRequestHandler(CallToolRequestSchema, async (request) => {
            const tool = this.tools.get(request.params.name);
            if (!tool || !tool.enabled) {
                throw new Error(`Tool ${request.params.name} not found`);
            }
            return tool.handler(request.params.arguments ?? {});
        });
        this.handlersInitialized = true;
    }
}
