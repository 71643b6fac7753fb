const fs = require("fs");
const { writeFile, rm } = require("node:fs/promises");
const fse = require("fs-extra");

async function save(p, text) {
  // ruleid: js-fs-write
  fs.writeFileSync(p, text);
  // ruleid: js-fs-write
  await writeFile(p, text);
  // ruleid: js-fs-write
  await rm(p, { recursive: true });
  // ruleid: js-fs-write
  await fs.promises.unlink(p);
  // ruleid: js-fs-write
  await fse.outputFile(p, text);
  // ok: js-fs-write
  fs.readFileSync(p, "utf8");
  // ok: js-fs-write
  console.log("writeFile", text);
}
module.exports = { save };
