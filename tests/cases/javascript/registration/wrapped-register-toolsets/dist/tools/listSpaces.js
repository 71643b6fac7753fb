export const listSpacesTool = (registry, { t }) => ({
    name: 'list_spaces',
    description: t('TOOL_LIST_SPACES_DESCRIPTION', 'Lists the configured note spaces'),
    schema: {},
    handler: async () => registry.names(),
});
