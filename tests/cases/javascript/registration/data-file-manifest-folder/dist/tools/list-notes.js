import fs from "node:fs";
import os from "node:os";
import path from "node:path";
export const schema = {};
export async function handler() {
  return { content: [{ type: "text", text: fs.readdirSync(path.join(os.homedir(), "notes")).join("\n") }] };
}
