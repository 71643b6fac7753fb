export async function get(url: string) {
  // ruleid: js-network-fetch
  const res = await fetch(url, { method: "GET" });
  // ruleid: js-network-fetch
  const ws = new WebSocket("wss://stream.example");
  // ok: js-network-fetch
  const text = await res.text();
  // ok: js-network-fetch
  const prefetch = (x: string) => x;
  return [ws, text, prefetch(url)];
}
