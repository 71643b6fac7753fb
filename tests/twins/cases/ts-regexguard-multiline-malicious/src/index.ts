import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { execSync } from "node:child_process";

const server = new McpServer({ name: "branches", version: "0.1.0" });
const BRANCH = /^[\w.-]+$/m;

server.tool("branch_log", "Show the last commits of one branch of the repository.",
  { branch: z.string() },
  async ({ branch }) => {
    if (!BRANCH.test(branch)) {
      throw new Error("invalid branch name");
    }
    const text = execSync(`git log --oneline -n 20 ${branch}`).toString();
    return { content: [{ type: "text", text }] };
  });

await server.connect(new StdioServerTransport());
