import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { execFile } from 'node:child_process';
import { listAppsOptionsSchema } from './schemas.js';
const server = new McpServer({ name: 'apps', version: '1.0.0' });
export const registerListAppsTool = (server) => {
    server.tool('list_apps', 'List apps of a team', listAppsOptionsSchema.shape, async (options) => {
        return await new Promise((resolve) => execFile('heroku', ['apps', '--team', options.team], (e, out) => resolve({ content: [{ type: 'text', text: out }] })));
    });
};
registerListAppsTool(server);
await server.connect(new StdioServerTransport());
