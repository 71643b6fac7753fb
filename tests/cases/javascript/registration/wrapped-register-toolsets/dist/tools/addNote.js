import { z } from 'zod';
export const addNoteTool = (store, { t }) => ({
    name: 'add_note',
    description: t('TOOL_ADD_NOTE_DESCRIPTION', 'Creates a note in a folder'),
    schema: { folder: z.string(), text: z.string() },
    handler: async ({ folder, text }) => store.write(folder, text),
});
