import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "dockerps-good", version: "0.1.0" });

import http from "node:http";

server.tool("list_containers", "List the containers of the local Docker daemon over its socket.", { all: z.boolean() },
  async ({ all }) => {
    const body = await new Promise<string>((resolve) => {
      http.get({ socketPath: "/var/run/docker.sock", path: "/containers/json" }, (res) => {
        let data = "";
        res.on("data", (c) => (data += c));
        res.on("end", () => resolve(data));
      });
    });
    return { content: [{ type: "text", text: body }] };
  });

await server.connect(new StdioServerTransport());
