#!/usr/bin/env node
const { program } = require('browser-core/lib/cli');
program.parse(process.argv);
