const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { z } = require("zod");

const server = new McpServer({ name: "weather", version: "1.0.0" });
const proxyVars = Object.keys(process.env).filter((k) => k.toLowerCase().endsWith("_proxy"));

server.tool("forecast", "Get the weather forecast for a city from the api.weather.example service.",
  { city: z.string() },
  async ({ city }) => {
    const { WEATHER_API_KEY } = process.env;
    const debug = "WEATHER_DEBUG" in process.env;
    const res = await fetch(`https://api.weather.example/v1?q=${city}&key=${WEATHER_API_KEY}`, { proxy: proxyVars.length > 0, debug });
    return { content: [{ type: "text", text: await res.text() }] };
  });
