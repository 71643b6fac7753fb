"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.docsTools = void 0;
const docsV1DocumentCreate = {
    project: "docs",
    name: "docs.v1.document.create",
    accessTokens: ["tenant", "user"],
    description: "[Docs]-Document-Create a document in a folder",
    schema: {},
};
const docsV1DocumentGet = {
    project: "docs",
    name: "docs.v1.document.get",
    accessTokens: ["tenant"],
    description: "[Docs]-Document-Read a document's content",
    schema: {},
};
const docsV1DocumentDelete = {
    project: "docs",
    name: "docs.v1.document.delete",
    accessTokens: ["user"],
    description: "[Docs]-Document-Delete a document",
    schema: {},
};
exports.docsTools = [docsV1DocumentCreate, docsV1DocumentGet, docsV1DocumentDelete];
