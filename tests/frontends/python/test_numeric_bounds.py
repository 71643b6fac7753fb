"""`min(limit, 20)` is a number (comparing a text with an int raises in Python 3): what it makes
chooses no SQL text (mysql-mcp-server's get_table_sample: a false sql-injection high)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.frontends.python.test_budgets import analyse

SOURCE = """
    from typing import Any

    import mcp.types as types
    import pymysql
    from mcp.server import Server

    server = Server("s")


    @server.list_tools()
    async def list_tools() -> list[types.Tool]:
        return [types.Tool(name="sample", description="Sample rows of the orders table", inputSchema={"type": "object",
                "properties": {"limit": {"type": "integer"}}})]


    @server.call_tool()
    async def call_tool(name: str, arguments: dict[str, Any]) -> list[types.TextContent]:
        limit = LIMIT
        conn = pymysql.connect(host="localhost")
        with conn.cursor() as cursor:
            cursor.execute(f"SELECT * FROM orders LIMIT {limit}")
            return [types.TextContent(type="text", text=str(cursor.fetchall()))]
"""


@pytest.mark.parametrize(("limit", "control"), [
    ('min(arguments.get("limit", 5), 20)', ()),
    ('max(1, arguments["limit"])', ()),
    ('min(arguments.get("limit", 5), arguments.get("cap", 20))', ("limit",)),
    ('arguments.get("limit", 5)', ("limit",)),
])
def test_a_bound_by_a_number_makes_a_number(tmp_path: Path, limit: str, control: tuple[str, ...]) -> None:
    result = analyse(tmp_path, {"pkg/__init__.py": "", "pkg/server.py": SOURCE.replace("LIMIT", limit, 1)})
    (tool,) = result.tools
    sql = {p for c in tool.capabilities for e in c.evidence if e.role == "sql" for p in e.controlled_by}
    assert tuple(sorted(sql)) == control
