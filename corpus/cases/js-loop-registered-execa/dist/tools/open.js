"use strict";
const execa = require("execa");
const { z } = require("zod");

module.exports = {
  name: "open_in_editor",
  description: "Open a file in Visual Studio Code by running the `code` command.",
  shape: { file: z.string() },
  async run({ file }) {
    await execa("code", ["--reuse-window", file]);
    return `opened ${file}`;
  },
};
