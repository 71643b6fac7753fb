import { z } from 'zod';
export const getAttachmentTool = (store, { t }) => ({
    name: 'get_attachment',
    description: t('TOOL_GET_ATTACHMENT_DESCRIPTION', 'Returns the file attached to a note'),
    schema: { id: z.string() },
    handler: async ({ id }) => store.attachment(id),
});
