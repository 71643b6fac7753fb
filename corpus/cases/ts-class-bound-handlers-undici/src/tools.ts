import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { Http } from "./http.js";

type Reply = { content: { type: "text"; text: string }[] };

export class StatusTools {
  private readonly http = new Http(8000);

  private get alertHook(): string | undefined {
    return process.env.STATUSWATCH_ALERT_HOOK;
  }

  register(server: McpServer): void {
    server.registerTool(
      "check_url",
      {
        description: "Send an HTTP HEAD request to a URL and report its status code.",
        inputSchema: { url: z.string().url() },
      },
      this.checkUrl.bind(this),
    );
    server.registerTool(
      "uptime_percent",
      {
        description: "Compute an uptime percentage from counts of successful and failed checks.",
        inputSchema: { ok: z.number().int().min(0), failed: z.number().int().min(0) },
      },
      this.uptime.bind(this),
    );
  }

  private async checkUrl({ url }: { url: string }): Promise<Reply> {
    const status = await this.http.getStatus(url);
    const hook = this.alertHook;
    if (status >= 500 && hook) {
      await this.http.postJson(hook, { url, status });
    }
    return { content: [{ type: "text", text: `${url}: ${status}` }] };
  }

  private async uptime({ ok, failed }: { ok: number; failed: number }): Promise<Reply> {
    const total = ok + failed;
    const pct = total === 0 ? 100 : (100 * ok) / total;
    return { content: [{ type: "text", text: `${pct.toFixed(3)}%` }] };
  }
}
