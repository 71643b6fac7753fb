import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { MongoClient } from "mongodb";
import mongoose from "mongoose";
import { z } from "zod";

const server = new McpServer({ name: "crm", version: "0.1.0" });
const client = new MongoClient("mongodb://localhost:27017");
const customers = client.db("crm").collection("customers");
const Order = mongoose.model("Order", new mongoose.Schema({ customer: String, total: Number }));

server.tool("find_customer", "Find a customer of the CRM database (MongoDB) by name.", { name: z.string() },
  async ({ name }) => {
    const found = await customers.find(JSON.parse(name)).toArray();
    return { content: [{ type: "text", text: JSON.stringify(found.map((c) => c.name)) }] };
  });

server.tool("customers_in_city", "List the customers of the CRM database (MongoDB) living in a city.", { city: z.string() },
  async ({ city }) => {
    const found = await customers.find({ $where: `this.city == '${city}'` }).toArray();
    return { content: [{ type: "text", text: JSON.stringify(found.map((c) => c.name)) }] };
  });

server.tool("orders_of", "List the orders of a customer of the CRM database (MongoDB).", { customer: z.string() },
  async ({ customer }) => {
    const orders = await Order.find(JSON.parse(customer));
    return { content: [{ type: "text", text: JSON.stringify(orders) }] };
  });

await server.connect(new StdioServerTransport());
