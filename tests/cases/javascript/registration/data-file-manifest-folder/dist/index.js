#!/usr/bin/env node
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parse as parseYaml } from "yaml";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";

function findPackageRootFrom(startDir) {
  let dir = startDir;
  while (dir !== path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    dir = path.dirname(dir);
  }
  return null;
}

function packageRoot() {
  const candidates = [process.cwd()];
  if (process.argv[1]) candidates.push(path.dirname(process.argv[1]));
  for (const candidate of candidates) {
    const found = findPackageRootFrom(candidate);
    if (found) return found;
  }
  throw new Error("no package.json found");
}

function loadYamlFiles(dir) {
  const results = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".yaml"))) {
    results.push({ ...parseYaml(fs.readFileSync(path.join(dir, file), "utf-8")), _sourceFile: file });
  }
  return results;
}

const server = new McpServer({ name: "notes", version: "1.0.0" });
const tools = new Map(loadYamlFiles(path.join(packageRoot(), "manifests", "tools")).map((t) => [t.id, t]));
for (const workflow of loadYamlFiles(path.join(packageRoot(), "manifests", "workflows"))) {
  for (const id of workflow.tools) {
    const manifest = tools.get(id);
    const mod = await import(pathToFileURL(path.join(packageRoot(), "dist", `${manifest.module}.js`)).href);
    server.registerTool(manifest.names.mcp, { description: manifest.description, inputSchema: mod.schema }, mod.handler);
  }
}
await server.connect(new StdioServerTransport());
