#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { define } from "./define.js";
import { humanSize, readManifest, zipFolder } from "./ops.js";

const server = new McpServer({ name: "folder-kit", version: "1.5.0" });

define(server, "zip_folder", "Create a .zip archive next to a folder, containing the whole folder.", { folder: z.string() }, async ({ folder }) =>
  zipFolder(folder),
);
define(server, "package_info", "Read the package.json of a folder and return its name and version.", { folder: z.string() }, async ({ folder }) =>
  readManifest(folder),
);
define(server, "human_size", "Format a number of bytes as a human-readable size.", { bytes: z.number().min(0) }, async ({ bytes }) =>
  humanSize(bytes),
);

await server.connect(new StdioServerTransport());
