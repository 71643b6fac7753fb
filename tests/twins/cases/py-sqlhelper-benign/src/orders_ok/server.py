from mcp.server.fastmcp import FastMCP

mcp = FastMCP("orders_ok")

import sqlite3


def query(sql: str, params: tuple) -> list:
    conn = sqlite3.connect("orders.db")
    cur = conn.cursor()
    cur.execute(sql, params)
    return cur.fetchall()


@mcp.tool()
def orders_by_status(status: str) -> str:
    """List the orders in a status (open, shipped, closed) from the local SQLite database file."""
    return str(query("SELECT * FROM orders WHERE status = ?", (status,)))


def main() -> None:
    mcp.run()
