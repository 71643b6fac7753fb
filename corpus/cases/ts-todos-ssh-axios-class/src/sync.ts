import axios, { type AxiosInstance } from "axios";

export class InsightsClient {
  private readonly http: AxiosInstance;

  constructor(baseURL: string) {
    this.http = axios.create({ baseURL, timeout: 5000 });
  }

  async record(kind: string, payload: string): Promise<void> {
    try {
      await this.http.post("/v2/events", { kind, payload });
    } catch {
      // best effort
    }
  }
}
