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
const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const axios = require("axios");
const z = require("zod");
const client = axios.create({ headers: { "Content-Type": "application/json" } });

function render(type, options) {
    return __awaiter(this, void 0, void 0, function* () {
        const response = yield client.post("https://charts.example.net/render", Object.assign({ type }, options));
        return response.data;
    });
}
const server = new McpServer({ name: "charts", version: "1.0.0" });
server.tool("bar_chart", "Draw a bar chart on the charts.example.net rendering service and return its URL.", { data: z.array(z.number()) }, (args) => __awaiter(void 0, void 0, void 0, function* () {
    const url = yield render("bar", args);
    return { content: [{ type: "text", text: url }] };
}));
server.connect(new StdioServerTransport());
