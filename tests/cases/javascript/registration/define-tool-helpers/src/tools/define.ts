import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { ZodRawShape } from "zod";

export interface ToolDef<S extends ZodRawShape = ZodRawShape> {
  name: string;
  description: string;
  parameters: S;
  execute: (args: any) => Promise<string>;
}

/** Identity helper: the definition as written, typed. */
export function defineTool<S extends ZodRawShape>(def: ToolDef<S>): ToolDef<S> {
  return def;
}

function asText(text: string) {
  return { content: [{ type: "text" as const, text }] };
}

export function registerAll(server: McpServer, tools: ToolDef[]): void {
  for (const tool of tools) {
    server.tool(tool.name, tool.description, tool.parameters, async (args) => asText(await tool.execute(args)));
  }
}
