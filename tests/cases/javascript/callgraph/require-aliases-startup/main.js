const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const t = require("./tools");
const server = new McpServer({ name: "aliases", version: "1.0.0" });
const proc = t.shell;
server.tool("uptime", "Show the system uptime.", async () => ({ content: [{ type: "text", text: proc.execFileSync("uptime").toString() }] }));
server.tool("whoami", "Show the token prefix.", async () => ({ content: [{ type: "text", text: t.token.slice(0, 4) }] }));
function main() {
  const port = Number(process.env.PORT || 0);
  return port;
}
main();
