from mcp.server.fastmcp import FastMCP

mcp = FastMCP("users_ok")

import sqlite3

DB = sqlite3.connect("users.db")


@mcp.tool()
def find_user(name: str) -> str:
    """Find a user by name in the team directory's SQLite database file."""
    rows = DB.execute("SELECT id, email FROM users WHERE name = ?", (name,)).fetchall()
    return str(rows)


def main() -> None:
    mcp.run()
