import * as net from "net";

// whether the user's app listens on a port of this machine: a TCP connect that sends nothing,
// then a plain GET of its root page
export function checkPortListening(port: number, host: string = "localhost", waitMs: number = 2000): Promise<boolean> {
  const checkTcp = () => new Promise<boolean>((resolve) => {
    const socket = new net.Socket();
    socket.setTimeout(1000);
    socket.once("connect", () => { socket.destroy(); resolve(true); });
    socket.once("timeout", () => { socket.destroy(); resolve(false); });
    socket.once("error", () => { socket.destroy(); resolve(false); });
    socket.connect(port, host);
  });
  const checkHttp = () => new Promise<boolean>((resolve) => {
    const protocol = port === 443 ? "https" : "http";
    const url = `${protocol}://${host}:${port}/`;
    const controller = new AbortController();
    setTimeout(() => controller.abort(), waitMs);
    fetch(url, { signal: controller.signal, redirect: "follow" })
      .then(() => resolve(true))
      .catch(() => resolve(false));
  });
  return checkTcp().then((up) => up || checkHttp());
}
