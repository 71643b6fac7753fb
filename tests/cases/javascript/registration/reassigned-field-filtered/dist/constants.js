"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.defaultToolNames = void 0;
exports.defaultToolNames = ["docs.v1.document.create", "docs.v1.document.get", "wiki.v2.node.search"];
