#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { StatusTools } from "./tools.js";

const server = new McpServer({ name: "statuswatch", version: "2.2.0" });
new StatusTools().register(server);
await server.connect(new StdioServerTransport());
