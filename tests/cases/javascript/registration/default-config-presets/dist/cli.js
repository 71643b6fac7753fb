#!/usr/bin/env node
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const commander_1 = require("commander");
const constants_1 = require("./constants");
const init_1 = require("./init");
const parse_1 = require("./parse");
const program = new commander_1.Command();
program.name('preset-tools-mcp').description('Notes and files over MCP');
program
    .command('mcp')
    .description('Start the MCP server')
    .option('-t, --tools <tools>', '(Optional) Tools or presets to enable, separated by commas', 'preset.notes, files.v1.file.write,notes.v1.note.get')
    .option('-c, --tool-name-case <toolNameCase>', '(Optional) snake or kebab or dot')
    .option('--token-mode <tokenMode>', '(Optional) auto, user or app')
    .action(async (options) => {
    const mergedOptions = { ...constants_1.DEFAULT_ARGS, ...constants_1.ENV_ARGS, ...options };
    await (0, init_1.startServer)({
        ...mergedOptions,
        tools: (0, parse_1.parseStringArray)(mergedOptions.tools),
    });
});
program.parse(process.argv);
