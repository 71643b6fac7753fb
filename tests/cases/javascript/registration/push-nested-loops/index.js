const { Server } = require('@modelcontextprotocol/sdk/server/index.js');
const { StdioServerTransport } = require('@modelcontextprotocol/sdk/server/stdio.js');
const { ListToolsRequestSchema, CallToolRequestSchema } = require('@modelcontextprotocol/sdk/types.js');
const server = new Server({ name: 'nested', version: '1.0.0' }, { capabilities: { tools: {} } });
const RESOURCES = ['user', 'team'];
const VERBS = [{ verb: 'get', text: 'Get' }, { verb: 'delete', text: 'Delete' }];
function listTools(readOnly) {
    const tools = [];
    for (const resource of RESOURCES) {
        for (const { verb, text } of VERBS) {
            tools.push({ name: `${verb}_${resource}`, description: `${text} a ${resource}.`, inputSchema: { type: 'object', properties: {} } });
        }
    }
    if (!readOnly) tools.push({ name: 'dump', description: 'Dump all data to a file.', inputSchema: { type: 'object', properties: {} } });
    tools.unshift({ name: 'ping', description: 'Check the server.', inputSchema: { type: 'object', properties: {} } });
    return tools;
}
for (const group of ['a']) {
    const scratch = [];
    scratch.push(group);  // declared inside the loop: one element, not one per group
}
server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: listTools(false) }));
server.setRequestHandler(CallToolRequestSchema, async (request) => {
    return { content: [{ type: 'text', text: request.params.name }] };
});
server.connect(new StdioServerTransport());
