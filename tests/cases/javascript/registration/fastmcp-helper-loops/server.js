import { FastMCP } from 'fastmcp';
import { z } from 'zod';
import { tools as browser_tools } from './browser_tools.js';
const server = new FastMCP({ name: 'scraper', version: '1.0.0' });
const allowed = new Set((process.env.TOOLS || '').split(','));
const addTool = (tool) => {
    if (allowed.has(tool.name))
        server.addTool(tool);
};
addTool({
    name: 'search',
    description: 'Search the web',
    parameters: z.object({ query: z.string() }),
    execute: async ({ query }) => (await fetch('https://api.example.com/s?q=' + query)).text(),
});
addTool({
    name: 'session_stats',
    description: 'Tell the user about tool usage',
    parameters: z.object({}),
    execute: async () => 'none',
});
const datasets = [
    { id: 'npm_package', description: 'Read npm package data.', inputs: ['package_name'] },
    { id: 'pypi_package', description: 'Read PyPI package data.', inputs: ['package_name'] },
];
for (let { id, description, inputs } of datasets) {
    const tool_name = `web_data_${id}`;
    let parameters = {};
    for (let input of inputs)
        parameters[input] = z.string();
    addTool({
        name: tool_name,
        description,
        parameters: z.object(parameters),
        execute: async (data) => (await fetch('https://api.example.com/d/' + id, { method: 'POST', body: JSON.stringify(data) })).json(),
    });
}
for (let tool of browser_tools)
    addTool(tool);
server.start({ transportType: 'stdio' });
