from mcp.server.fastmcp import FastMCP

mcp = FastMCP("lowsql_ok")

import sqlite3

import mcp.types as types
from mcp.server import Server

server = Server("lowsql")
DB = sqlite3.connect("inventory.db")


@server.list_tools()
async def list_tools() -> list[types.Tool]:
    return [types.Tool(name="stock", description="Tell how many items of a product are in stock, from the local SQLite database file.",
                       inputSchema={"type": "object", "properties": {"product": {"type": "string"}}})]


@server.call_tool()
async def call_tool(name: str, arguments: dict) -> list[types.TextContent]:
    if name == "stock":
        product = arguments["product"]
        row = DB.execute("SELECT count FROM stock WHERE product = ?", (product,)).fetchone()
        return [types.TextContent(type="text", text=str(row))]
    raise ValueError(name)


def main() -> None:
    mcp.run()
