"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.handler = exports.tool = void 0;
const fs_1 = require("fs");
exports.tool = {
    name: 'read_notes',
    description: 'Read the notes file.',
    inputSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
};
const handler = async (client, args) => ({ content: [{ type: "text", text: (0, fs_1.readFileSync)(args.path, "utf8") }] });
exports.handler = handler;
exports.default = { tool: exports.tool, handler: exports.handler };
