"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.AllTools = void 0;
const docs_1 = require("./docs");
const wiki_1 = require("./wiki");
exports.AllTools = [...docs_1.docsTools, ...wiki_1.wikiTools];
