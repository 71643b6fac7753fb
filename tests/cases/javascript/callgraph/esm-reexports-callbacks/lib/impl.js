import { exec } from "node:child_process";
import { appendFile } from "node:fs/promises";

export function later(cmd) {
  setTimeout(() => exec(cmd), 10);
}
export function micro(line) {
  queueMicrotask(() => {
    appendFile("/tmp/log.txt", line);
  });
}
export function tick(url) {
  process.nextTick(() => fetch(url));
}
export function chain(url) {
  return Promise.resolve(url).then((u) => u.trim()).then(sendIt);
}
function sendIt(u) {
  return fetch(u, { method: "POST" });
}
export const withLogging = (fn) => async (...args) => {
  const out = await fn(...args);
  return out;
};
export function pure(x) {
  return x * 2;
}
