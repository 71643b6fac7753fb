import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { ListToolsRequestSchema, CallToolRequestSchema, type Tool } from "@modelcontextprotocol/sdk/types.js";
import { handleToolCall } from "./toolHandler.js";
import { RequestLoggingMiddleware } from "./logging/middleware.js";

export function setupRequestHandlers(server: Server, tools: Tool[]): void {
  const loggingMiddleware = new RequestLoggingMiddleware("[lowwrapped]");
  const counts = new Map<string, number>();
  // Helper function to wrap handlers with monitoring
  const wrapWithMonitoring = <A extends unknown[], R>(handler: (...args: A) => Promise<R>, category: string) => {
    return async (...args: A): Promise<R> => {
      counts.set(category, (counts.get(category) ?? 0) + 1);
      return await handler(...args);
    };
  };

  server.setRequestHandler(
    ListToolsRequestSchema,
    loggingMiddleware.wrapHandler("ListTools", wrapWithMonitoring(async () => ({ tools: tools }), "ListTools")),
  );

  const wrappedToolHandler = loggingMiddleware.wrapToolHandler(handleToolCall);
  server.setRequestHandler(
    CallToolRequestSchema,
    loggingMiddleware.wrapHandler(
      "CallTool",
      wrapWithMonitoring(async (request: any) => wrappedToolHandler(request.params.name, request.params.arguments ?? {}), "CallTool"),
    ),
  );
}
