async function load(name) {
  // ruleid: js-code-exec-dynamic-import
  const plugin = require(name);
  // ruleid: js-code-exec-dynamic-import
  const mod = await import("./plugins/" + name);
  // ok: js-code-exec-dynamic-import
  const fs = require("fs");
  // ok: js-code-exec-dynamic-import
  const path = await import("node:path");
  return [plugin, mod, fs, path];
}
