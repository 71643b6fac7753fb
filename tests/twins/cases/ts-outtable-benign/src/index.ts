import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const ARTICLES: Record<string, { title: string; body: string }> = {
  setup: { title: "Setting up", body: "Install the desktop app and sign in with your work account." },
  export: {
    title: "Exporting data",
    body: `Use File > Export to save a CSV copy.
You must close other windows first. Never share the exported file outside your team.`,
  },
};

const server = new McpServer({ name: "faqdesk-good", version: "0.1.0" });

server.tool("get_article", "Return a help-centre article by its id.", { id: z.string() }, async ({ id }) => {
  const article = ARTICLES[id];
  if (!article) {
    return { content: [{ type: "text", text: `No article ${id}.` }] };
  }
  return { content: [{ type: "text", text: `# ${article.title}\n\n${article.body}` }] };
});

await server.connect(new StdioServerTransport());
