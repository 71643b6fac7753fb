import { allTools } from './tools/tools.js';
export const buildToolsets = (store, helper, enabled) => {
    const group = allTools(store, helper);
    const all = enabled.includes('all');
    return {
        toolsets: group.toolsets.map((ts) => ({ ...ts, enabled: all || enabled.includes(ts.name) })),
    };
};
