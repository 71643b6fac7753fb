"""A function that hands back the value it checked (`validate_identifier` raises unless
`^[a-zA-Z0-9_$]+$` matches, then returns the name) makes that value safe for the roles the check
covers wherever its callers use it, also through a helper that returns it in a tuple
(mysql-mcp-server get_schema_info: a false sql-injection high after checks became positional)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.frontends.python.test_budgets import analyse

SOURCE = """
    import re
    from typing import Any, Optional, Tuple

    import mcp.types as types
    import pymysql
    from mcp.server import Server

    server = Server("s")


    def validate_identifier(name: str) -> str:
        if not re.match(r"^[a-zA-Z0-9_$]+$", name):
            raise ValueError("bad identifier")
        return name


    def check_only(name: str) -> None:
        if not re.match(r"^[a-zA-Z0-9_$]+$", name):
            raise ValueError("bad identifier")


    def parse_table_arg(name: str) -> Tuple[Optional[str], str]:
        if "." in name:
            db, tbl = name.split(".", 1)
            return validate_identifier(db), validate_identifier(tbl)
        return None, validate_identifier(name)


    @server.list_tools()
    async def list_tools() -> list[types.Tool]:
        return [types.Tool(name="schema", description="Show a table's columns", inputSchema={"type": "object",
                "properties": {"table_name": {"type": "string"}}})]


    @server.call_tool()
    async def call_tool(name: str, arguments: dict[str, Any]) -> list[types.TextContent]:
        QUERY
        conn = pymysql.connect(host="localhost")
        with conn.cursor() as cursor:
            cursor.execute(query)
            CHECK
            return [types.TextContent(type="text", text=str(cursor.fetchall()))]
"""


@pytest.mark.parametrize(("query", "check", "control"), [
    ('db, tbl = parse_table_arg(arguments["table_name"]); query = f"SELECT 1 FROM t WHERE n = \'{tbl}\'"', "pass", ()),
    ('query = "SELECT 1 FROM " + validate_identifier(arguments["table_name"])', "pass", ()),
    # checked only after the query ran: nothing was checked when it mattered
    ('query = "SELECT 1 FROM " + arguments["table_name"]', 'check_only(arguments["table_name"])', ("table_name",)),
])
def test_a_returned_checked_value_is_safe_for_its_roles(tmp_path: Path, query: str, check: str,
                                                        control: tuple[str, ...]) -> None:
    source = SOURCE.replace("QUERY", query.replace("; ", "\n        ")).replace("CHECK", check)
    result = analyse(tmp_path, {"pkg/__init__.py": "", "pkg/server.py": source})
    (tool,) = result.tools
    sql = {p for c in tool.capabilities for e in c.evidence if e.role == "sql" for p in e.controlled_by}
    assert tuple(sorted(sql)) == control
