import axios from "axios";

const http = axios.create({ headers: { "Content-Type": "application/json" } });

// the developer documents' search of the Quill domain the server is set up with (a command-line flag)
export async function recallDocuments(query, options) {
  const { domain, count = 3 } = options;
  const endpoint = `${domain}/document_portal/v1/recall`;
  const response = await http.post(endpoint, { question: query }, { timeout: 10000 });
  return (response.data.chunks || []).slice(0, count);
}
