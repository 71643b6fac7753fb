import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import * as lib from "./lib/index.js";
import { promiseChain, withLogging } from "./lib/index.js";
import { readFile as readIt } from "node:fs/promises";

const server = new McpServer({ name: "esmcb", version: "1.0.0" });
server.registerTool("later", { description: "Run later." }, async ({ cmd }) => { lib.later(cmd); return { content: [] }; });
server.registerTool("micro", { description: "Log a line." }, async ({ line }) => { lib.micro(line); return { content: [] }; });
server.registerTool("tick", { description: "Ping." }, async ({ url }) => { lib.tick(url); return { content: [] }; });
server.registerTool("chain", { description: "Post." }, async ({ url }) => { await promiseChain(url); return { content: [] }; });
server.registerTool("wrapped_read", { description: "Read through a wrapper." }, withLogging(async ({ p }) => ({ content: [{ type: "text", text: await readIt(p) }] })));
server.registerTool("double", { description: "Double a number." }, withLogging(async ({ x }) => ({ content: [{ type: "text", text: String(lib.pure(x)) }] })));
