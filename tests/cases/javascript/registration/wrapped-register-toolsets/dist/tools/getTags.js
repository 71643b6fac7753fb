export const getTagsTool = (store, { t }) => ({
    name: 'get_tags',
    description: t('TOOL_GET_TAGS_DESCRIPTION', 'Lists every tag in use'),
    schema: {},
    handler: async () => store.tags(),
});
