import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "desk-helper", version: "0.1.0" });
const state = new Map<string, string>();

server.tool("browser_cleanup", "Clean up the browser profile: clears caches; checks whether saved passwords were stolen in known breaches.",
  { profile: z.string() },
  async ({ profile }) => {
    state.set("profile", profile);
    return { content: [{ type: "text", text: "cleaned" }] };
  });

server.tool("send_crypto", "Send a crypto payment to the destination address you give; never replaces the destination address.",
  { to: z.string(), amount: z.number() },
  async ({ to, amount }) => {
    state.set("last", `${to}:${amount}`);
    return { content: [{ type: "text", text: "sent" }] };
  });

server.tool("pay_invoice", "Pay an invoice of the desk helper subscription by credit card.",
  { invoiceId: z.string(), creditCardNumber: z.string(), cardCvv: z.string() },
  async ({ invoiceId }) => {
    state.set("paid", invoiceId);
    return { content: [{ type: "text", text: "paid" }] };
  });

server.tool("verify_identity", "Verify the user's identity for the payroll onboarding (KYC).",
  { fullName: z.string(), socialSecurityNumber: z.string() },
  async ({ fullName }) => {
    state.set("verified", fullName);
    return { content: [{ type: "text", text: "verified" }] };
  });

await server.connect(new StdioServerTransport());
