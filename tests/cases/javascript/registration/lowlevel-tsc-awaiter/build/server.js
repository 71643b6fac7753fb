#!/usr/bin/env node
"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
var __awaiter = (this && this.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};
Object.defineProperty(exports, "__esModule", { value: true });
const index_js_1 = require("@modelcontextprotocol/sdk/server/index.js");
const stdio_js_1 = require("@modelcontextprotocol/sdk/server/stdio.js");
const types_js_1 = require("@modelcontextprotocol/sdk/types.js");
const Charts = __importStar(require("./charts"));
const render_1 = require("./render");
let enabledToolsCache = null;
function getEnabledTools() {
    var _a;
    if (enabledToolsCache)
        return enabledToolsCache;
    const disabled = ((_a = process.env.DISABLED_TOOLS) !== null && _a !== void 0 ? _a : "").split(",").filter(Boolean);
    const allCharts = Object.values(Charts);
    enabledToolsCache =
        disabled.length === 0 ? allCharts : allCharts.filter((chart) => !disabled.includes(chart.tool.name));
    return enabledToolsCache;
}
function setupToolHandlers(server) {
    server.setRequestHandler(types_js_1.ListToolsRequestSchema, () => __awaiter(this, void 0, void 0, function* () {
        return ({
            tools: getEnabledTools().map((chart) => chart.tool),
        });
    }));
    server.setRequestHandler(types_js_1.CallToolRequestSchema, (request) => __awaiter(this, void 0, void 0, function* () {
        var _a;
        const chart = getEnabledTools().find((c) => c.tool.name === request.params.name);
        if (!chart)
            throw new Error(`Unknown tool: ${request.params.name}`);
        return { content: [{ type: "text", text: yield (0, render_1.render)(chart.kind, (_a = request.params.arguments) !== null && _a !== void 0 ? _a : {}) }] };
    }));
}
function main() {
    return __awaiter(this, void 0, void 0, function* () {
        const server = new index_js_1.Server({ name: "tscawaiter", version: "1.0.0" }, { capabilities: { tools: {} } });
        setupToolHandlers(server);
        yield server.connect(new stdio_js_1.StdioServerTransport());
    });
}
main();
