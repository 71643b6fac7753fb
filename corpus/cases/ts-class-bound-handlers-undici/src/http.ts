import { request } from "undici";

export class Http {
  constructor(private readonly timeoutMs: number) {}

  async getStatus(url: string): Promise<number> {
    const res = await request(url, { method: "HEAD", headersTimeout: this.timeoutMs });
    await res.body.dump();
    return res.statusCode;
  }

  async postJson(url: string, body: unknown): Promise<void> {
    const res = await request(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    await res.body.dump();
  }
}
