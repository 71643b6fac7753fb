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
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const mcp_js_1 = require("@modelcontextprotocol/sdk/server/mcp.js");
const zod_1 = require("zod");
const lib_1 = require("./lib");
const os_1 = __importDefault(require("os"));
const server = new mcp_js_1.McpServer({ name: "tsccjs", version: "1.0.0" });
server.tool("download", "Download a file to disk.", { url: zod_1.z.string(), dest: zod_1.z.string() }, (_a) => __awaiter(void 0, [_a], void 0, function* ({ url, dest }) {
    const body = yield (0, lib_1.download)(url);
    yield (0, lib_1.save)(dest, body);
    return { content: [{ type: "text", text: "ok" }] };
}));
server.tool("host", "Name of this machine.", {}, () => __awaiter(void 0, void 0, void 0, function* () {
    return { content: [{ type: "text", text: os_1.default.hostname() }] };
}));
