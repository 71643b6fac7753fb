"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.handler = exports.tool = void 0;
exports.tool = { name: 'get_account', description: 'Get the account.', inputSchema: { type: 'object', properties: {} } };
const handler = async (client, args) => {
    const res = await fetch("https://api.example.com/v1/account");
    return { content: [{ type: "text", text: await res.text() }] };
};
exports.handler = handler;
exports.default = { tool: exports.tool, handler: exports.handler };
