"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ENV_ARGS = exports.DEFAULT_ARGS = exports.presetTools = exports.defaultToolNames = exports.presetNoteToolNames = void 0;
function cleanEnvArgs(args) {
    const result = {};
    for (const [key, value] of Object.entries(args)) {
        if (value) {
            result[key] = value;
        }
    }
    return result;
}
exports.presetNoteToolNames = ['notes.v1.note.list', 'notes.v1.note.get'];
exports.defaultToolNames = [
    ...exports.presetNoteToolNames,
    'files.v1.file.read',
];
exports.presetTools = {
    'preset.notes': exports.presetNoteToolNames,
    'preset.default': exports.defaultToolNames,
};
exports.DEFAULT_ARGS = {
    toolNameCase: 'snake',
    tokenMode: 'auto',
};
exports.ENV_ARGS = cleanEnvArgs({
    tools: process.env.NOTES_TOOLS,
    tokenMode: process.env.NOTES_TOKEN_MODE,
});
