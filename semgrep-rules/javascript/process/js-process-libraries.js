import { execa } from "execa";
import shell from "shelljs";
import spawn from "cross-spawn";
import simpleGit from "simple-git";

export async function run(dir) {
  // ruleid: js-process-libraries
  await execa("npm", ["test"], { cwd: dir });
  // ruleid: js-process-libraries
  shell.exec("make");
  // ruleid: js-process-libraries
  spawn("ls", [dir]);
  // ruleid: js-process-libraries
  const git = simpleGit(dir);
  // ok: js-process-libraries
  const parts = dir.split("/");
  return [git, parts];
}
