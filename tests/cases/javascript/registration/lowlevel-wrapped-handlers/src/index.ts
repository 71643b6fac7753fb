#!/usr/bin/env node
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { createToolDefinitions } from "./tools.js";
import { setupRequestHandlers } from "./requestHandler.js";

async function runServer(): Promise<void> {
  const server = new Server({ name: "lowwrapped", version: "1.0.0" }, { capabilities: { tools: {} } });
  const TOOLS = createToolDefinitions();
  setupRequestHandlers(server, TOOLS);
  await server.connect(new StdioServerTransport());
}

runServer().catch((error) => {
  console.error(error);
  process.exit(1);
});
