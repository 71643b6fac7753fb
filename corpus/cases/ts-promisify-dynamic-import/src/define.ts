import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { ZodRawShape } from "zod";

type Handler = (args: any) => Promise<string>;

export function define(server: McpServer, name: string, description: string, shape: ZodRawShape, handler: Handler): void {
  server.tool(name, description, shape, async (args: unknown) => ({
    content: [{ type: "text" as const, text: await handler(args) }],
  }));
}
