const cp = require("node:child_process");
const settings = require("./settings");
module.exports = {
  shell: cp,
  token: settings.TOKEN,
  run(cmd) { return module.exports.shell.execSync(cmd).toString(); },
};
