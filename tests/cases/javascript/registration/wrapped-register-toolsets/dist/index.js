#!/usr/bin/env node
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { writeFile } from 'node:fs/promises';
import { default as env } from 'env-var';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { createDescriber } from './describe.js';
import { withRegistry } from './registry.js';
import { registerTools } from './register.js';
import { buildToolsets } from './toolsets.js';
import { listSpacesTool } from './tools/listSpaces.js';

const argv = yargs(hideBin(process.argv))
    .option('prefix', {
    type: 'string',
    describe: 'A prefix for every tool name',
    default: env.get('TOOL_PREFIX').default('').asString(),
})
    .option('enable-toolsets', {
    type: 'array',
    describe: 'Toolsets to enable',
    default: env.get('ENABLE_TOOLSETS').default('all').asArray(','),
})
    .option('max-notes', {
    type: 'number',
    default: env.get('MAX_NOTES').default(50).asIntPositive(),
})
    .parseSync();

const store = {
    list: async (folder) => [folder],
    read: async (id) => ({ id }),
    write: async (folder, text) => writeFile(`${folder}/note.txt`, text),
    tags: async () => [],
    attachment: async (id) => ({ id }),
};
const spaces = (process.env.NOTE_SPACES || '').split(',').filter(Boolean);
const describer = createDescriber();
const options = { prefix: argv.prefix, maxNotes: argv.maxNotes, multiSpace: spaces.length > 1 };
const group = buildToolsets(store, describer, argv.enableToolsets);

function createServer() {
    const server = withRegistry(new McpServer({ name: 'notes', version: '1.0.0' }));
    registerTools(server, group, options);
    if (options.multiSpace) {
        registerTools(server, { toolsets: [{ enabled: true, tools: [listSpacesTool({ names: () => spaces }, describer)] }] }, options);
    }
    return server;
}

await createServer().connect(new StdioServerTransport());
