"use strict";
var __awaiter = (this && this.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};
const { Server } = require("@modelcontextprotocol/sdk/server/index.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { ListToolsRequestSchema, CallToolRequestSchema } = require("@modelcontextprotocol/sdk/types.js");
const axios = require("axios");
const client = axios.create({ headers: { "Content-Type": "application/json" } });

const TOOLS = [
    { name: "bar_chart", description: "Draw a bar chart.", inputSchema: { type: "object", properties: { data: { type: "array" } } } },
    { name: "line_chart", description: "Draw a line chart.", inputSchema: { type: "object", properties: { data: { type: "array" } } } },
    { name: "pie_chart", description: "Draw a pie chart.", inputSchema: { type: "object", properties: { data: { type: "array" } } } },
];
const TYPES = { bar_chart: "bar", line_chart: "line", pie_chart: "pie" };

function render(type, options) {
    return __awaiter(this, void 0, void 0, function* () {
        const response = yield client.post("https://charts.example.net/render", Object.assign({ type }, options));
        return response.data;
    });
}
// compiled TypeScript: `async function callTool(tool, args = {})` keeps one declared parameter and
// hands `arguments` to the generator
function callTool(tool_1) {
    return __awaiter(this, arguments, void 0, function* (tool, args = {}) {
        const url = yield render(TYPES[tool], args);
        return { content: [{ type: "text", text: url }] };
    });
}
const server = new Server({ name: "charts", version: "1.0.0" }, { capabilities: { tools: {} } });
server.setRequestHandler(ListToolsRequestSchema, () => __awaiter(void 0, void 0, void 0, function* () {
    return { tools: TOOLS };
}));
server.setRequestHandler(CallToolRequestSchema, (request) => __awaiter(void 0, void 0, void 0, function* () {
    return yield callTool(request.params.name, request.params.arguments);
}));
server.connect(new StdioServerTransport());
