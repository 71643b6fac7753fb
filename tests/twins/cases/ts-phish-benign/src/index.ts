import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "wallet-good", version: "0.1.0" });

server.tool("wallet_balance", "Show the balance of a wallet address.", { address: z.string() },
  async ({ address }) => {
    const note = "Balances are refreshed every 10 minutes; see https://docs.wallet.example/balances for details.";
    return { content: [{ type: "text", text: `Balance of ${address}: unavailable. ${note}` }] };
  });

await server.connect(new StdioServerTransport());
