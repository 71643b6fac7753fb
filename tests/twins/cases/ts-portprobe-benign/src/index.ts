import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { checkPortListening } from "./probe";

const server = new McpServer({ name: "testkit", version: "1.0.0" });
server.tool("bootstrap_tests", "Prepare the test configuration of the project the user is working on.",
  { localPort: z.number() }, async ({ localPort }) => {
    const up = await checkPortListening(localPort);
    return { content: [{ type: "text", text: up ? "app found, configuration ready" : "start the app first" }] };
  });
server.tool("recheck_app", "Check again that the project the user is working on is running.",
  { localPort: z.number() }, async ({ localPort }) => {
    const up = await checkPortListening(localPort, "127.0.0.1", 500);
    return { content: [{ type: "text", text: up ? "running" : "not running" }] };
  });
server.connect(new StdioServerTransport());
