from __future__ import annotations

import json
import os

from mcp.server.fastmcp import FastMCP

from .db import ReadOnlyDatabase

DATABASE = ReadOnlyDatabase(os.environ.get("DATABASE_URL", "postgresql://localhost/postgres"))

server = FastMCP("pg-readonly")


@server.tool(
    name="run_query",
    description="Run a read-only SQL query against the configured PostgreSQL database and return up to 200 rows as JSON.",
)
def query(sql: str) -> str:
    return json.dumps(DATABASE.rows(sql), default=str)


@server.tool(
    name="list_tables",
    description="List the tables of a schema in the configured PostgreSQL database.",
)
def tables(schema: str = "public") -> list[str]:
    found = DATABASE.rows(
        "select table_name from information_schema.tables where table_schema = %s order by 1",
        (schema,),
    )
    return [row["table_name"] for row in found]


@server.tool(name="quote_ident")
def quote_ident(name: str) -> str:
    """Quote an SQL identifier for PostgreSQL (pure string helper; does not connect)."""
    return '"' + name.replace('"', '""') + '"'


def main() -> None:
    server.run()
