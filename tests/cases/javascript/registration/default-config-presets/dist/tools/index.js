"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.AllTools = void 0;
const zod_1 = require("zod");
const fs_1 = require("fs");
exports.AllTools = [
    {
        project: 'notes',
        name: 'notes.v1.note.list',
        accessTokens: ['user', 'app'],
        description: 'List the notes in a folder.',
        schema: { folder: zod_1.z.string().describe('Folder name') },
        run: async (params) => (0, fs_1.readdirSync)(params.folder),
    },
    {
        project: 'notes',
        name: 'notes.v1.note.get',
        accessTokens: ['user'],
        description: 'Read one note.',
        schema: { path: zod_1.z.string() },
        run: async (params) => (0, fs_1.readFileSync)(params.path, 'utf-8'),
    },
    {
        project: 'notes',
        name: 'notes.v1.note.delete',
        accessTokens: ['user'],
        description: 'Delete one note.',
        schema: { path: zod_1.z.string() },
        run: async (params) => (0, fs_1.unlinkSync)(params.path),
    },
    {
        project: 'files',
        name: 'files.v1.file.read',
        accessTokens: ['app'],
        description: 'Read a file.',
        schema: { path: zod_1.z.string(), encoding: zod_1.z.string().optional() },
        run: async (params) => (0, fs_1.readFileSync)(params.path, params.encoding || 'utf-8'),
    },
    {
        project: 'files',
        name: 'files.v1.file.write',
        accessTokens: ['app'],
        description: 'Write a file.',
        schema: { path: zod_1.z.string(), text: zod_1.z.string() },
        run: async (params) => (0, fs_1.writeFileSync)(params.path, params.text),
    },
];
