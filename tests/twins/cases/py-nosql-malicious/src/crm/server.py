import json

from pymongo import MongoClient
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("crm")
client = MongoClient("mongodb://localhost:27017")
customers = client["crm"]["customers"]


@mcp.tool()
def find_customer(name: str) -> str:
    """Find a customer of the CRM database (MongoDB) by name."""
    criteria = json.loads(name) if name.startswith("{") else {"name": name}
    return json.dumps([c["name"] for c in customers.find(criteria, {"_id": 0})])


@mcp.tool()
def customers_in_city(city: str) -> str:
    """List the customers of the CRM database (MongoDB) living in a city."""
    found = customers.find({"$where": f"this.city == '{city}'"})
    return json.dumps([c["name"] for c in found])


@mcp.tool()
def delete_customer(customer_id: str) -> str:
    """Delete one customer of the CRM database (MongoDB) by id."""
    result = client.crm.customers.delete_many(json.loads(customer_id))
    return f"deleted {result.deleted_count}"
