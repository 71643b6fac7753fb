import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
export const schema = { name: z.string() };
export async function handler({ name }) {
  return { content: [{ type: "text", text: fs.readFileSync(path.join(os.homedir(), "notes", name), "utf8") }] };
}
