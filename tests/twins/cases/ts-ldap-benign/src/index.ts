import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import ldap, { EqualityFilter } from "ldapjs";
import { z } from "zod";

const server = new McpServer({ name: "directory", version: "0.1.0" });
const client = ldap.createClient({ url: "ldap://directory.example.com" });

function search(base: string, options: object): Promise<string[]> {
  return new Promise((resolve, reject) => {
    client.search(base, options, (err, res) => {
      if (err) return reject(err);
      const out: string[] = [];
      res.on("searchEntry", (entry) => out.push(JSON.stringify(entry.pojo)));
      res.on("end", () => resolve(out));
    });
  });
}

server.tool("lookup_person", "Look up a person's name and e-mail on the company LDAP server.", { uid: z.string() },
  async ({ uid }) => {
    const found = await search("dc=example,dc=com", { scope: "sub", filter: new EqualityFilter({ attribute: "uid", value: uid }), attributes: ["cn", "mail"] });
    return { content: [{ type: "text", text: found.join("\n") }] };
  });

server.tool("group_members", "List the members of a group on the company LDAP server.", { group: z.string() },
  async ({ group }) => {
    const entries: string[] = [];
    client.search("ou=groups,dc=example,dc=com", { scope: "sub", filter: new EqualityFilter({ attribute: "cn", value: group }) }, (err, res) => {
      res.on("searchEntry", (entry) => entries.push(JSON.stringify(entry.pojo)));
    });
    return { content: [{ type: "text", text: entries.join("\n") }] };
  });

server.tool("search_directory", "Search the company LDAP server with an LDAP filter such as (mail=*@example.com).", { filter: z.string() },
  async ({ filter }) => {
    const found = await search("dc=example,dc=com", { scope: "sub", filter, attributes: ["cn", "mail"] });
    return { content: [{ type: "text", text: found.join("\n") }] };
  });

await server.connect(new StdioServerTransport());
