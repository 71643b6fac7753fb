import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { simulatorAgent, usbAgent } from "./devices.js";

const server = new McpServer({ name: "device-mcp", version: "1.0.4" });
server.tool("get_orientation", "Get the current screen orientation of the phone.",
  { simulator: z.boolean().describe("use the simulator instead of the phone on USB") },
  async ({ simulator }) => {
    const agent = simulator ? simulatorAgent() : usbAgent();
    const value = await agent.orientation();
    return { content: [{ type: "text", text: String(value) }] };
  });
server.connect(new StdioServerTransport());
