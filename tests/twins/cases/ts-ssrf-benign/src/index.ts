import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "weather-ok", version: "0.1.0" });

server.tool("forecast", "Get tomorrow's forecast for a city from the OpenWeather service.",
  { city: z.string(), apiBase: z.string().default("v1") },
  async ({ city, apiBase }) => {
    const r = await fetch(`https://api.weather.example/${apiBase}/forecast?q=${encodeURIComponent(city)}`);
    return { content: [{ type: "text", text: await r.text() }] };
  });

await server.connect(new StdioServerTransport());
