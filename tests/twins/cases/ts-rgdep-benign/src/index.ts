import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { spawn } from "child_process";
import { chmodSync, existsSync } from "fs";
import { z } from "zod";

const server = new McpServer({ name: "codesearch", version: "0.1.0" });

// the ripgrep binary the dependency bundles, made executable where npx left it without the bit
async function ripgrepPath(): Promise<string> {
  const { rgPath } = await import("@vscode/ripgrep");
  if (existsSync(rgPath) && process.platform !== "win32") {
    chmodSync(rgPath, 0o755);
  }
  return rgPath;
}

class Searcher {
  buildArgs(options: { pattern: string; root: string; glob?: string; ignoreCase?: boolean }): string[] {
    const args: string[] = [];
    args.push("--json", "--line-number");
    if (options.ignoreCase) {
      args.push("-i");
    }
    if (options.glob) {
      for (const g of options.glob.split("|")) {
        args.push("-g", g);
      }
    }
    args.push("--", options.pattern, options.root);
    return args;
  }

  async search(options: { pattern: string; root: string; glob?: string; ignoreCase?: boolean }): Promise<string> {
    const args = this.buildArgs(options);
    const rg = await ripgrepPath();
    const child = spawn(rg, args, { windowsHide: true });
    let out = "";
    child.stdout.on("data", (chunk) => { out += chunk; });
    await new Promise((done) => child.once("close", done));
    return out;
  }
}

const searcher = new Searcher();

server.registerTool("start_search", {
  description: "Search the text of files in a folder for a pattern.",
  inputSchema: { pattern: z.string(), root: z.string(), glob: z.string().optional(), ignoreCase: z.boolean().optional() },
  annotations: { readOnlyHint: true },
}, async ({ pattern, root, glob, ignoreCase }) => {
  const text = await searcher.search({ pattern, root, glob, ignoreCase });
  return { content: [{ type: "text", text }] };
});

await server.connect(new StdioServerTransport());
