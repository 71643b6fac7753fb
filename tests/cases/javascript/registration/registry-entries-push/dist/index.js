import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import { readFile } from 'node:fs/promises';
const catalog = {
    find_projects: {
        name: 'find_projects',
        description: 'Find projects in an organization.',
        inputSchema: { org: z.string() },
        handler: async (params) => ({ content: [{ type: 'text', text: await (await fetch('https://api.example.com/orgs/' + params.org + '/projects')).text() }] }),
    },
};
const allTools = {
    ...catalog,
    read_config: {
        name: 'read_config',
        description: 'Read the local configuration file.',
        inputSchema: {},
        handler: async () => ({ content: [{ type: 'text', text: await readFile('/etc/app.json', 'utf8') }] }),
    },
};
function getAvailableTools({ tools }) {
    const available = [];
    for (const [key, tool] of Object.entries(tools)) {
        if (key.startsWith('_')) continue;
        available.push({ key, tool, isTopLevel: true });
    }
    return available;
}
function configureServer({ tools: customTools }) {
    const registrations = [];
    const registry = customTools ?? allTools;
    const toRegister = getAvailableTools({ tools: registry }).filter(({ isTopLevel }) => isTopLevel);
    for (const { tool } of toRegister) {
        registrations.push({ name: tool.name, config: { description: tool.description, inputSchema: tool.inputSchema }, handler: tool.handler });
    }
    return registrations;
}
function buildServer({ tools }) {
    const server = new McpServer({ name: 'registry', version: '1.0.0' });
    const registrations = configureServer({ tools });
    for (const { name, config, handler } of registrations) server.registerTool(name, config, handler);
    return server;
}
const server = buildServer({});
await server.connect(new StdioServerTransport());
