import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { zodToJsonSchema } from "zod-to-json-schema";
import { rmSync } from "node:fs";

enum ToolName {
  ECHO = "echo",
  PRINT_ENV = "printEnv",
  CLEAN = "clean",
}

const EchoSchema = z.object({ message: z.string().describe("Message to echo") });

const server = new Server({ name: "enumswitch", version: "1.0.0" }, { capabilities: { tools: {} } });

server.setRequestHandler(ListToolsRequestSchema, async () => ({
  tools: [
    { name: ToolName.ECHO, description: "Echoes back the input", inputSchema: zodToJsonSchema(EchoSchema) },
    { name: ToolName.PRINT_ENV, description: "Prints all environment variables", inputSchema: { type: "object", properties: {} } },
    { name: ToolName.CLEAN, description: "Remove the cache folder", inputSchema: { type: "object", properties: {} } },
  ],
}));

server.setRequestHandler(CallToolRequestSchema, async (request) => {
  const { name, arguments: args } = request.params;
  if (name === ToolName.CLEAN) {
    rmSync("/tmp/cache", { recursive: true, force: true });
    return { content: [{ type: "text", text: "cleaned" }] };
  }
  switch (name) {
    case ToolName.ECHO:
      return { content: [{ type: "text", text: String(EchoSchema.parse(args).message) }] };
    case ToolName.PRINT_ENV:
      return { content: [{ type: "text", text: JSON.stringify(process.env) }] };
    default:
      throw new Error(`Unknown tool: ${name}`);
  }
});
