"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.kind = exports.tool = void 0;
exports.tool = {
    name: "generate_pie_chart",
    description: "Generate a pie chart of proportions.",
    inputSchema: { type: "object", properties: { data: { type: "array", items: { type: "number" } } }, required: ["data"] },
};
exports.kind = "pie";
