const vm = require("vm");
import { runInNewContext } from "node:vm";

function run(code) {
  // ruleid: js-code-exec-vm
  vm.runInThisContext(code);
  // ruleid: js-code-exec-vm
  runInNewContext(code, {});
  // ruleid: js-code-exec-vm
  const script = new vm.Script(code);
  // ok: js-code-exec-vm
  const vmName = "vm";
  return [script, vmName];
}
