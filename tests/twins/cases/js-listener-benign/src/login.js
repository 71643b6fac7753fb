import { createServer } from "node:http";


// the browser login of the package's own service: a redirect listener on this machine only
export function startRedirectServer(port) {
  let resolveCode;
  const code = new Promise((resolve) => { resolveCode = resolve; });
  const server = createServer((req, res) => {
    const url = new URL(req.url || "", `http://localhost:${port}`);
    resolveCode(url.searchParams.get("code"));
    res.end("You can close this window.");
  });
  return new Promise((resolve, reject) => {
    server.listen(port, "localhost", () => resolve({ server, code }));
    server.on("error", reject);
    server.once("close", () => resolveCode(null));
  });
}

// a child process made elsewhere: only its exit is waited for here
export function waitForExit(child) {
  return new Promise((resolve) => {
    child.once("exit", (status) => resolve(status));
    child.on("error", () => resolve(-1));
  });
}


