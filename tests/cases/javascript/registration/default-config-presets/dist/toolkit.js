"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ToolKit = void 0;
const constants_1 = require("./constants");
const tools_1 = require("./tools");
function filterTools(tools, options) {
    let filtered = tools.filter((tool) => {
        var _a, _b;
        return ((_a = options.allowTools) === null || _a === void 0 ? void 0 : _a.includes(tool.name)) ||
            ((_b = options.allowProjects) === null || _b === void 0 ? void 0 : _b.includes(tool.project));
    });
    if (options.tokenMode && options.tokenMode !== 'auto') {
        filtered = filtered.filter((tool) => tool.accessTokens.includes(options.tokenMode));
    }
    return filtered;
}
function caseTransf(toolName, caseType) {
    if (caseType === 'snake') {
        return toolName.replace(/\./g, '_');
    }
    if (caseType === 'kebab') {
        return toolName.replace(/\./g, '-');
    }
    return toolName;
}
class ToolKit {
    constructor(options) {
        this.allTools = [];
        this.options = options;
        const filterOptions = {
            allowTools: constants_1.defaultToolNames,
            tokenMode: this.options.tokenMode || 'auto',
            ...options.toolsOptions,
        };
        this.allTools = filterTools(tools_1.AllTools, filterOptions);
    }
    registerMcpServer(server, options) {
        for (const tool of this.allTools) {
            server.tool(caseTransf(tool.name, options === null || options === void 0 ? void 0 : options.toolNameCase), tool.description, tool.schema, async (params) => {
                return { content: [{ type: 'text', text: JSON.stringify(await tool.run(params)) }] };
            });
        }
    }
}
exports.ToolKit = ToolKit;
