from mcp.server.fastmcp import FastMCP

mcp = FastMCP("orders_bad")

import sqlite3


def query(sql: str) -> list:
    conn = sqlite3.connect("orders.db")
    cur = conn.cursor()
    cur.execute(sql)
    return cur.fetchall()


@mcp.tool()
def orders_by_status(status: str) -> str:
    """List the orders in a status (open, shipped, closed) from the local SQLite database file."""
    return str(query("SELECT * FROM orders WHERE status = '%s'" % status))


def main() -> None:
    mcp.run()
