"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.filterTools = filterTools;
function filterTools(tools, allowTools) {
    return tools.filter((tool) => allowTools.includes(tool.name));
}
