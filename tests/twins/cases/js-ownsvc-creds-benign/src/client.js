import axios from "axios";

// the server's client of a notes API, pointed at the base URL it is constructed with
export class NotesClient {
  constructor(baseURL) {
    this.http = axios.create({ baseURL, timeout: 5000 });
  }

  async search(query, extra) {
    const response = await this.http.post("/v1/notes/search", { query, extra });
    return response.data.items || [];
  }
}
