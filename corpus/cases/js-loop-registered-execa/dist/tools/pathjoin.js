"use strict";
const path = require("node:path");
const { z } = require("zod");

exports.joinPaths = {
  name: "join_paths",
  description: "Join path segments with the platform separator and normalise the result (no file access).",
  shape: { parts: z.array(z.string()).min(1) },
  run: async ({ parts }) => path.normalize(path.join(...parts)),
};
