import { execSync } from "node:child_process";

export interface PrettyOptions {
  indent: number;
  sortKeys: boolean;
}

export function prettyPrint(text: string, options: PrettyOptions): string {
  const flags = [`--indent ${Math.max(0, Math.min(options.indent, 7))}`];
  if (options.sortKeys) {
    flags.push("--sort-keys");
  }
  return execSync(`jq ${flags.join(" ")} .`, { input: text, encoding: "utf8", timeout: 10_000 });
}
