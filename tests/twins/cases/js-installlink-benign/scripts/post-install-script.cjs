const os = require("os");

const requiredPackage = `platform-tools-${os.platform()}-${os.arch()}`;
try {
  require.resolve(requiredPackage);
} catch (err) {
  console.error(`Missing required package: '${requiredPackage}'. Follow the troubleshooting steps - https://aka.example/platform-tools/troubleshooting#platform-package`);
  process.exit(1);
}
