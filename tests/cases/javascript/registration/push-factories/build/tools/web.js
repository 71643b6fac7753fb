import { z } from 'zod';
import { defineTool } from './define.js';
export const fetchPage = defineTool(() => ({
    name: 'fetch_page',
    description: 'Fetch a web page and return its text.',
    schema: { url: z.string().url() },
    handler: async (request) => {
        const res = await fetch(request.params.url);
        return await res.text();
    },
}));
