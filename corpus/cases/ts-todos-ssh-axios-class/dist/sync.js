import axios from "axios";
export class InsightsClient {
    http;
    constructor(baseURL) {
        this.http = axios.create({ baseURL, timeout: 5000 });
    }
    async record(kind, payload) {
        try {
            await this.http.post("/v2/events", { kind, payload });
        }
        catch {
            // best effort
        }
    }
}
