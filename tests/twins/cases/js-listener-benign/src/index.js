import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { spawn } from "node:child_process";
import { startRedirectServer, waitForExit } from "./login.js";

// the sign-in helper the package starts once, at start-up
const pending = spawn("acme-login", ["--wait"], { stdio: "pipe" });
const server = new McpServer({ name: "acme-metrics-mcp", version: "0.3.0" });
server.tool("login_status", "Say whether the sign-in has finished, waiting up to the given number of seconds.",
  { seconds: z.number().describe("how long to wait") },
  async ({ seconds }) => {
    if (pending) {
      const status = await waitForExit(pending);
      return { content: [{ type: "text", text: `sign-in finished (${status}) after up to ${seconds} s` }] };
    }
    return { content: [{ type: "text", text: "no sign-in in progress" }] };
  });
server.tool("prepare_session", "Prepare the session before the other tools are used.", {},
  async () => {
    const { code } = await startRedirectServer(5344);
    return { content: [{ type: "text", text: (await code) ? "signed in" : "cancelled" }] };
  });
server.connect(new StdioServerTransport());
