"use strict";
const { stat: statFile, readFile: slurp } = require("node:fs/promises");
const { z } = require("zod");

const fileStats = {
  name: "file_stats",
  description: "Show the size in bytes and the last modification time of a file.",
  shape: { file: z.string() },
  run: async ({ file }) => {
    const s = await statFile(file);
    return `${s.size} bytes, modified ${s.mtime.toISOString()}`;
  },
};

const lineCount = {
  name: "count_lines",
  description: "Count the lines of a text file.",
  shape: { file: z.string() },
  run: async ({ file }) => String((await slurp(file, "utf8")).split(/\r?\n/).length),
};

module.exports = { fileStats, lineCount };
