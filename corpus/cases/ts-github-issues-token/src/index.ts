#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { gh } from "./github.js";

const TOKEN_HINT = "Requires a GitHub token in the GITHUB_TOKEN environment variable.";

interface Issue {
  number: number;
  title: string;
  state: string;
  html_url: string;
  body?: string | null;
}

const server = new McpServer({ name: "github-issues", version: "0.7.1" });

const text = (value: string) => ({ content: [{ type: "text" as const, text: value }] });

server.registerTool(
  "search_issues",
  {
    description: `Search GitHub issues and pull requests with the GitHub search API. ${TOKEN_HINT}`,
    inputSchema: { query: z.string().describe("GitHub search syntax, e.g. repo:owner/name is:open") },
  },
  async ({ query }) => {
    const found = await gh<{ items: Issue[] }>(`/search/issues?q=${encodeURIComponent(query)}&per_page=20`);
    return text(found.items.map((i) => `#${i.number} [${i.state}] ${i.title} ${i.html_url}`).join("\n"));
  },
);

server.registerTool(
  "get_issue",
  {
    description: `Read one GitHub issue with its body. ${TOKEN_HINT}`,
    inputSchema: { owner: z.string(), repo: z.string(), number: z.number().int() },
  },
  async ({ owner, repo, number }) => {
    const issue = await gh<Issue>(`/repos/${owner}/${repo}/issues/${number}`);
    return text(`#${issue.number} ${issue.title}\n\n${issue.body ?? ""}`);
  },
);

server.registerTool(
  "create_issue",
  {
    description: `Open a new issue in a GitHub repository. ${TOKEN_HINT}`,
    inputSchema: { owner: z.string(), repo: z.string(), title: z.string(), body: z.string().optional() },
  },
  async ({ owner, repo, title, body }) => {
    const issue = await gh<Issue>(`/repos/${owner}/${repo}/issues`, {
      method: "POST",
      body: JSON.stringify({ title, body }),
    });
    return text(`created #${issue.number}: ${issue.html_url}`);
  },
);

server.registerTool(
  "issue_link",
  {
    description: "Build the web URL of a GitHub issue from owner, repository and number (no API call).",
    inputSchema: { owner: z.string(), repo: z.string(), number: z.number().int() },
  },
  async ({ owner, repo, number }) => text(`https://github.com/${owner}/${repo}/issues/${number}`),
);

await server.connect(new StdioServerTransport());
