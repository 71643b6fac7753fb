import { z } from 'zod';
import { spawn } from 'node:child_process';
export const tools = [
    {
        name: 'browser_open',
        description: 'Open a browser window',
        parameters: z.object({ url: z.string() }),
        execute: async ({ url }) => { spawn('chromium', [url]); return 'ok'; },
    },
];
