"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.wikiTools = void 0;
exports.wikiTools = [
    { project: "wiki", name: "wiki.v2.space.list", accessTokens: ["tenant"], description: "[Docs]-Wiki-List the wiki spaces", schema: {} },
    { project: "wiki", name: "wiki.v2.node.search", accessTokens: ["user"], description: "[Docs]-Wiki-Search wiki nodes", schema: {} },
];
