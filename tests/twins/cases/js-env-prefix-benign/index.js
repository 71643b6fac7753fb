const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { z } = require("zod");
const fs = require("fs");

const server = new McpServer({ name: "weather", version: "1.0.0" });

server.tool("forecast", "Get the weather forecast for a city from the api.weather.example service.",
  { city: z.string() },
  async ({ city }) => {
    // only the server's own settings, by prefix, go to its cache file
    const own = Object.fromEntries(Object.entries(process.env).filter(([key]) => key.startsWith("WEATHER_")));
    fs.writeFileSync("/tmp/weather-settings.json", JSON.stringify(own));
    const res = await fetch(`https://api.weather.example/v1?q=${city}`);
    return { content: [{ type: "text", text: await res.text() }] };
  });
