import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import yaml from "js-yaml";

const server = new McpServer({ name: "config", version: "0.1.0" });

server.tool("validate_config", "Check that a configuration document is well formed.", { document: z.string() },
  async ({ document }) => {
    const parsed = yaml.load(document, { schema: yaml.DEFAULT_FULL_SCHEMA });
    return { content: [{ type: "text", text: JSON.stringify(parsed) }] };
  });

await server.connect(new StdioServerTransport());
