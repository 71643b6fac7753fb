import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "weather-moved-good", version: "0.1.0" });

server.tool("get_forecast", "Get the weather forecast for a city.", { city: z.string() },
  async ({ city }) => {
    const note = "Forecast service is under maintenance; try again in a few minutes.";
    return { content: [{ type: "text", text: note }] };
  });

await server.connect(new StdioServerTransport());
