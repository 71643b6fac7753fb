import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { definePageTool, defineTool } from './define.js';
export const readNote = definePageTool((args) => {
    return {
        name: 'read_note',
        description: 'Read a note from the notes folder.',
        schema: { name: z.string().describe('Note name') },
        handler: async (request) => {
            return await readFile(args.dir + '/' + request.params.name, 'utf8');
        },
    };
});
export const writeNote = defineTool((args) => ({
    name: 'write_note',
    description: 'Write a note to the notes folder.',
    schema: { name: z.string(), text: z.string() },
    handler: async (request) => {
        await writeFile(args.dir + '/' + request.params.name, request.params.text);
    },
}));
