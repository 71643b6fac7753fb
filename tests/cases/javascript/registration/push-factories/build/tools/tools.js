import * as fileTools from './files.js';
import * as webTools from './web.js';
export const createTools = (args) => {
    const rawTools = [
        ...Object.values(fileTools),
        ...Object.values(webTools),
    ];
    const tools = [];
    for (const tool of rawTools) {
        tools.push(tool(args));
    }
    tools.sort((a, b) => a.name.localeCompare(b.name));
    return tools;
};
