"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.caseTransf = caseTransf;
function caseTransf(toolName) {
    return toolName.replace(/\./g, "_").toLowerCase();
}
