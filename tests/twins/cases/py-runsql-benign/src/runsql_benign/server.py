import sqlite3

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("warehouse")
DB = sqlite3.connect("warehouse.db")


@mcp.tool()
def run_query(query: str) -> str:
    """Execute a SQL query against the warehouse SQLite database and return the rows."""
    return str(DB.execute(query).fetchall())
