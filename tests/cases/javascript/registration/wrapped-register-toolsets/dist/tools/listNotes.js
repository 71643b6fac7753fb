import { z } from 'zod';
export const listNotesTool = (store, { t }) => ({
    name: 'list_notes',
    description: t('TOOL_LIST_NOTES_DESCRIPTION', 'Lists the notes of a folder'),
    schema: { folder: z.string().describe(t('TOOL_LIST_NOTES_FOLDER', 'The folder to list')) },
    handler: async ({ folder }) => store.list(folder),
});
