import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { Lookup, Remove, Reverse } from "./actions.js";

class App {
  private server = new McpServer({ name: "classes", version: "1.0.0" });
  private lookup = new Lookup();
  private remover = new Remove();

  register() {
    this.server.tool("lookup", "Look a word up online.", { word: z.string() }, this.onLookup.bind(this));
    this.server.tool("remove_file", "Delete a file.", { path: z.string() }, async ({ path }) => ({
      content: [{ type: "text", text: await this.remover.run(path) }],
    }));
    this.server.tool("reverse", "Reverse the words.", { text: z.string() }, async ({ text }) => ({
      content: [{ type: "text", text: new Reverse(" ").apply(text) }],
    }));
  }

  async onLookup({ word }: { word: string }) {
    return { content: [{ type: "text" as const, text: await this.lookup.run(word) }] };
  }
}

new App().register();
