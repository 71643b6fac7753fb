import { FastMCP } from "fastmcp";
import { z } from "zod";
import { readFile } from "node:fs/promises";

const server = new FastMCP({ name: "fmcp", version: "1.0.0" });

server.addTool({
  name: "add",
  description: "Add two numbers",
  parameters: z.object({ a: z.number(), b: z.number() }),
  execute: async (args) => String(args.a + args.b),
});

const readTool = {
  name: "read",
  description: "Read a file",
  parameters: z.object({ path: z.string().describe("Path") }),
  annotations: { readOnlyHint: true },
  execute: async ({ path }: { path: string }) => readFile(path, "utf8"),
};
server.addTools([readTool]);

server.start({ transportType: "stdio" });
