"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.kind = exports.tool = void 0;
exports.tool = {
    name: "generate_line_chart",
    description: "Generate a line chart of a series.",
    inputSchema: { type: "object", properties: { data: { type: "array", items: { type: "number" } } }, required: ["data"] },
};
exports.kind = "line";
