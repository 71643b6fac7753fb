import { z } from 'zod';
export const listAppsOptionsSchema = z.object({
    all: z.boolean().optional().describe('Show all apps'),
    team: z.string().describe('Team name'),
});
