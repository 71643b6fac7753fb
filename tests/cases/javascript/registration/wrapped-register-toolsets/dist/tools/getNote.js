import { z } from 'zod';
export const getNoteTool = (store, { t }) => ({
    name: 'get_note',
    description: t('TOOL_GET_NOTE_DESCRIPTION', 'Returns one note'),
    schema: { id: z.string() },
    handler: async ({ id }) => store.read(id),
});
