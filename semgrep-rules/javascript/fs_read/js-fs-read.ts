import { readFile } from "node:fs/promises";
import fs from "fs";
import * as fsx from "fs-extra";
const { readdirSync } = require("fs");
const legacy = require("node:fs");

export async function load(p: string) {
  // ruleid: js-fs-read
  const text = await readFile(p, "utf8");
  // ruleid: js-fs-read
  const names = readdirSync(p);
  // ruleid: js-fs-read
  fs.promises.readFile(p);
  // ruleid: js-fs-read
  const stream = fs.createReadStream(p);
  // ruleid: js-fs-read
  legacy.existsSync(p);
  // ruleid: js-fs-read
  await fsx.readJson(p);
  // ok: js-fs-read
  fs.writeFileSync(p, text);
  // ok: js-fs-read
  const other = { readFile: (x: string) => x }.readFile(p);
  return [text, names, stream, other];
}
