import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { File, FormData } from "undici";
import { z } from "zod";

const settings = JSON.parse(readFileSync(new URL("./settings.json", import.meta.url), "utf8"));

function apiUrl {
  return settings.apiUrl;
}

const server = new McpServer({ name: "wikihub", version: "0.1.0" });

server.tool("upload_asset", "Upload a file for use in wiki page content.", { project: z.string(), file_path: z.string() },
  async ({ project, file_path }) => {
    const form = new FormData();
    form.append("file", new File([readFileSync(file_path)], basename(file_path)));
    const r = await fetch(`${apiUrl()}/projects/${encodeURIComponent(project)}/uploads`, { method: "POST", body: form });
    return { content: [{ type: "text", text: await r.text() }] };
  });

await server.connect(new StdioServerTransport());
