import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { AndroidDevice } from "./android.js";

const server = new McpServer({ name: "android-device", version: "1.0.0" });

server.registerTool("list_apps", {
  description: "List the apps installed on the Android device.",
  inputSchema: { device: z.string() },
  annotations: { readOnlyHint: true },
}, async ({ device }) => {
  const apps = new AndroidDevice(device).listPackages();
  return { content: [{ type: "text", text: apps.join("\n") }] };
});

server.registerTool("install_app", {
  description: "Install an APK file on the Android device.",
  inputSchema: { device: z.string(), apk: z.string() },
  annotations: { readOnlyHint: false, destructiveHint: false },
}, async ({ device, apk }) => {
  new AndroidDevice(device).installApp(apk);
  return { content: [{ type: "text", text: "installed" }] };
});

await server.connect(new StdioServerTransport());
