#!/usr/bin/env node
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { zodToJsonSchema } from "zod-to-json-schema";

// src/tools/schemas.ts: each tool described once, as a zod object of literals
var RoundTool = z.object({
  name: z.literal("round_number"),
  description: z.literal("Round a number to some digits"),
  arguments: z.object({
    value: z.number().describe("The number to round"),
    digits: z.number().int().optional()
  })
});
var ReverseTool = z.object({
  name: z.literal("reverse_text"),
  description: z.literal("Reverse a text"),
  arguments: z.object({ text: z.string() })
});

// src/tools/text.ts
var round = (strict) => ({
  schema: {
    name: RoundTool.shape.name.value,
    description: RoundTool.shape.description.value,
    inputSchema: zodToJsonSchema(RoundTool.shape.arguments)
  },
  handle: async (params) => {
    const { value, digits } = RoundTool.shape.arguments.parse(params);
    const text = value.toFixed(digits ?? 0);
    return { content: [{ type: "text", text: strict ? text : String(Number(text)) }] };
  }
});
var reverse = {
  schema: {
    name: ReverseTool.shape.name.value,
    description: ReverseTool.shape.description.value,
    inputSchema: zodToJsonSchema(ReverseTool.shape.arguments)
  },
  handle: async (params) => {
    const { text } = ReverseTool.shape.arguments.parse(params);
    return { content: [{ type: "text", text: [...text].reverse().join("") }] };
  }
};

// src/server.ts
async function createServerWithTools(options) {
  const { name, version, tools } = options;
  const server = new Server({ name, version }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => {
    return { tools: tools.map((tool) => tool.schema) };
  });
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const tool = tools.find((tool2) => tool2.schema.name === request.params.name);
    if (!tool) {
      return { content: [{ type: "text", text: `Tool "${request.params.name}" not found` }], isError: true };
    }
    return await tool.handle(request.params.arguments);
  });
  return server;
}

// src/index.ts
var textTools = [round(true), reverse];
var server = await createServerWithTools({ name: "zodliteral", version: "1.0.0", tools: textTools });
await server.connect(new StdioServerTransport());
