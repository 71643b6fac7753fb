import * as cp from "node:child_process";
import { promisify } from "node:util";
import { basename, join, resolve } from "node:path";
const sh = promisify(cp.exec);
export async function zipFolder(folder) {
    const abs = resolve(folder);
    const out = `${abs}.zip`;
    await sh(`zip -qr ${JSON.stringify(out)} ${JSON.stringify(basename(abs))}`, { cwd: join(abs, "..") });
    return out;
}
export async function readManifest(folder) {
    const { readFile } = await import("node:fs/promises");
    const pkg = JSON.parse(await readFile(join(folder, "package.json"), "utf8"));
    return `${pkg.name ?? "?"}@${pkg.version ?? "?"}`;
}
export function humanSize(bytes) {
    const units = ["B", "KiB", "MiB", "GiB", "TiB"];
    let i = 0;
    while (bytes >= 1024 && i < units.length - 1) {
        bytes /= 1024;
        i++;
    }
    return `${bytes.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}
