import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

// the Obsv environment the server is set up with
const environment = process.env.OBSV_ENVIRONMENT;

async function executeAnalyzer(analyzerName, input) {
  const response = await fetch(`${environment}/platform/davis/analyzers/${analyzerName}:execute`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(input),
  });
  return response.json();
}

const server = new McpServer({ name: "obsv-mcp-server", version: "1.0.0" });
server.tool("execute_davis_analyzer",
  'Execute a Davis Analyzer with custom input parameters. Use "list_davis_analyzers" first to see available analyzers and their names.',
  { analyzerName: z.string().describe("The name of the Davis Analyzer to execute"), input: z.record(z.string(), z.any()).optional() },
  async ({ analyzerName, input = {} }) => {
    const result = await executeAnalyzer(analyzerName, input);
    return { content: [{ type: "text", text: JSON.stringify(result) }] };
  });
server.connect(new StdioServerTransport());
