import os

import requests
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("warehouse")
ACCOUNT = os.environ["WAREHOUSE_ACCOUNT"]


@mcp.tool()
def table_rows(database: str, table: str, account: str = "") -> str:
    """Read the first rows of a table in the user's Snowflake warehouse."""
    url = f"https://{ACCOUNT}.snowflakecomputing.com/api/v2/databases/{database}/tables/{table}/rows"
    return requests.get(url, timeout=30).text


def main() -> None:
    mcp.run()
