import { MCPTool } from "mcp-framework";
import { z } from "zod";
import axios from "axios";
class WeatherTool extends MCPTool {
    name = "weather";
    description = "Get the weather for a city";
    schema = {
        city: { type: z.string(), description: "City name" },
        days: { type: z.number().optional(), description: "Forecast days" },
    };
    async execute(input) {
        const res = await axios.get(`https://weather.example/${input.city}`);
        return res.data;
    }
}
export default WeatherTool;
