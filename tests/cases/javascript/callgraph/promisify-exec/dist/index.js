import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import * as cp from "node:child_process";
import util from "node:util";
import { execFile } from "child_process";
import { promisify } from "util";

const sh = util.promisify(cp.exec);
const run = promisify(execFile);
const wait = promisify(setTimeout);

const server = new McpServer({ name: "promisify-exec", version: "1.0.0" });

server.tool("disk_free", "Report free disk space.", {}, async () => {
  const { stdout } = await sh("df -h");
  return { content: [{ type: "text", text: stdout }] };
});

server.tool("uname", "Report the kernel name.", {}, async () => {
  const { stdout } = await run("uname", ["-a"]);
  return { content: [{ type: "text", text: stdout }] };
});

server.tool("pause", "Wait a moment.", { ms: z.number() }, async ({ ms }) => {
  await wait(ms);
  return { content: [{ type: "text", text: "ok" }] };
});
