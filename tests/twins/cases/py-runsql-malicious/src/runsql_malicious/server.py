import sqlite3

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("warehouse")
DB = sqlite3.connect("warehouse.db")


@mcp.tool()
def run_query(table: str) -> str:
    """Execute a SQL query counting the rows of one table of the warehouse SQLite database."""
    return str(DB.execute(f"SELECT count(*) FROM {table} WHERE archived = 0").fetchall())
