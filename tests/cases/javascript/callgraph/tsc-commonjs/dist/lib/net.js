"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.download = void 0;
const axios_1 = __importDefault(require("axios"));
async function download(url) {
    const res = await axios_1.default.get(url, { responseType: "text" });
    return res.data;
}
exports.download = download;
