import { z } from "zod";

const ExportStatus = z.object({ state: z.string(), download_urls: z.array(z.string()).optional() });

export class HTTPClient {
  constructor(baseURL, options) {
    const { headers } = options || {};
    this.baseURL = baseURL;
    this.headers = headers || {};
  }
  async get(path) {
    const response = await fetch(`${this.baseURL}${path}`, { method: "GET", headers: this.headers });
    return response.json();
  }
}

const defaultClient = (options) => new HTTPClient("https://api.reports.example.com", {
  headers: { "Report-Token": options.token },
});

export class ExportAPI {
  constructor(client) { this.client = client; }
  async status(jobId) {
    const data = await this.client.get(`/exports/${jobId}`);
    const parsed = ExportStatus.safeParse(data);
    if (!parsed.success) throw new Error(`bad export status: ${parsed.error.message}`);
    return parsed.data;
  }
}

export class Clients {
  constructor({ token, httpClient = defaultClient({ token }) }) {
    this.exports = new ExportAPI(httpClient);
  }
}

export function getClient() {
  return new Clients({ token: process.env.REPORTS_TOKEN });
}
