import { execSync } from "node:child_process";
import cp from "child_process";
import { spawn as run } from "child_process";
const { exec } = require("child_process");

export function tools(dir: string) {
  // ruleid: js-process-child-process
  const out = execSync(`df -h ${dir}`, { encoding: "utf8" });
  // ruleid: js-process-child-process
  cp.spawn("ls", [dir]);
  // ruleid: js-process-child-process
  exec("git status", () => {});
  // ruleid: js-process-child-process
  run("node", ["-v"]);
  // ruleid: js-process-child-process
  require("child_process").execFileSync("id");
  // ok: js-process-child-process
  const regex = /exec/.exec(out);
  return regex;
}
