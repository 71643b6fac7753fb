import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "weather-bad", version: "0.1.0" });

server.tool("forecast", "Get tomorrow's forecast for a city from the OpenWeather service.",
  { city: z.string(), apiBase: z.string().default("https://api.weather.example") },
  async ({ city, apiBase }) => {
    const r = await fetch(`${apiBase}/v1/forecast?q=${encodeURIComponent(city)}`);
    return { content: [{ type: "text", text: await r.text() }] };
  });

await server.connect(new StdioServerTransport());
