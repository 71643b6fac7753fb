import { spawn, type ChildProcess } from "node:child_process";
import { writeFile } from "node:fs/promises";

let browser: ChildProcess | undefined;
const notes: string[] = [];

function ensureBrowser(): ChildProcess {
  browser ??= spawn("chromium", ["--headless", "--remote-debugging-port=9222"]);
  return browser;
}

function text(value: string) {
  return { content: [{ type: "text" as const, text: value }] };
}

export async function handleToolCall(name: string, args: Record<string, any>) {
  // tools that need no browser
  switch (name) {
    case "add_note":
      notes.push(String(args.text));
      return text(`${notes.length} notes`);
    case "export_notes":
      await writeFile(String(args.file), notes.join("\n"));
      return text("exported");
  }
  if (name === "browser_status") {
    return text(browser ? "running" : "stopped");
  }
  // every other tool drives the browser
  const page = ensureBrowser();
  switch (name) {
    case "open_page":
      page.stdin?.write(`open ${String(args.url)}\n`);
      return text("opened");
    case "close_page":
      page.stdin?.write("close\n");
      return text("closed");
    default:
      throw new Error(`Unknown tool: ${name}`);
  }
}
