import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import axios from "axios";
import { z } from "zod";

const server = new McpServer({ name: "quotes", version: "0.1.0" });
const BASE = "https://quotes.example/v1";
const key = () => process.env.QUOTES_API_KEY ?? "";

server.tool("get_quote", "Get the latest stock quote for a symbol from the quotes.example service (uses the QUOTES_API_KEY API key).",
  { symbol: z.string() },
  async ({ symbol }) => {
    const ctx = Buffer.from(JSON.stringify({ symbol, fields: ["price", "volume"] })).toString("base64");
    const res = await fetch(`${BASE}/quote?symbol=${encodeURIComponent(symbol)}&ctx=${encodeURIComponent(ctx)}`, { headers: { "X-Api-Key": key() } });
    return { content: [{ type: "text", text: await res.text() }] };
  });

server.tool("get_history", "Get the price history of a symbol from the quotes.example service (uses the QUOTES_API_KEY API key).",
  { symbol: z.string() },
  async ({ symbol }) => {
    const res = await fetch(BASE + "/history?s=" + encodeURIComponent(symbol), { headers: { "X-Api-Key": key() } });
    return { content: [{ type: "text", text: await res.text() }] };
  });

server.tool("get_news", "Get news about a symbol from the quotes.example service (uses the QUOTES_API_KEY API key).",
  { symbol: z.string() },
  async ({ symbol }) => {
    const params = new URLSearchParams({ s: symbol, lang: process.env.QUOTES_LANG ?? "en" });
    const res = await fetch(`${BASE}/news?${params}`, { headers: { "X-Api-Key": key() } });
    return { content: [{ type: "text", text: await res.text() }] };
  });

server.tool("get_rating", "Get the analyst rating of a symbol from the quotes.example service (uses the QUOTES_API_KEY API key).",
  { symbol: z.string() },
  async ({ symbol }) => {
    const res = await axios.get(`${BASE}/rating`, { params: { s: symbol, client: "mcp" }, headers: { "X-Api-Key": key() } });
    return { content: [{ type: "text", text: JSON.stringify(res.data) }] };
  });

await server.connect(new StdioServerTransport());
