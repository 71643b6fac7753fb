"""Python frontend fixes found by surveying real PyPI MCP servers (helper H): each a general mechanism."""

from __future__ import annotations

from pathlib import Path

from mcpvet.model import Kind
from tests.frontends.python.test_frontend import run, write


def test_tool_name_from_a_parameter_uses_its_default_and_says_so(tmp_path: Path) -> None:
    """`name=prefix + "get_schema"` with `prefix = _fmt(namespace)` and `namespace: str = ""`: the name
    a default configuration lists, with an errors[] entry naming the parameter (mcp-neo4j-cypher)."""
    write(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/server.py": """
                import os

                from fastmcp import FastMCP


                def _fmt(namespace: str) -> str:
                    if namespace:
                        if namespace.endswith("-"):
                            return namespace
                        return namespace + "-"
                    return ""


                def create_server(driver, namespace: str = "", read_only: bool = False) -> FastMCP:
                    mcp = FastMCP("x")
                    prefix = _fmt(namespace)

                    @mcp.tool(name=prefix + "get_schema")
                    def get_schema() -> str:
                        \"\"\"Show the schema.\"\"\"
                        return os.environ["DB_URL"]

                    @mcp.tool(name="plain")
                    def plain() -> str:
                        \"\"\"Plain.\"\"\"
                        return "x"

                    return mcp


                def main() -> None:
                    create_server(None, namespace=os.environ.get("NS", "")).run()
            """,
        },
    )
    result = run(tmp_path)
    tools = {t.name: t for t in result.tools}
    assert sorted(tools) == ["get_schema", "plain"]
    assert tools["get_schema"].description == "Show the schema."
    assert Kind.ENV in tools["get_schema"].capability_kinds
    notes = [e.message for e in result.errors if e.stage == "python"]
    assert len(notes) == 1 and "parameters namespace)" in notes[0] and "'get_schema'" in notes[0], notes


def test_return_of_a_branch_known_false_is_not_a_value(tmp_path: Path) -> None:
    """What `_fmt("")` returns is only "" (the `if namespace:` branch is dead for that argument)."""
    write(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/server.py": """
                from fastmcp import FastMCP

                mcp = FastMCP("x")


                def _fmt(namespace: str) -> str:
                    if not namespace:
                        return ""
                    return namespace + "-"


                @mcp.tool(name=_fmt("") + "a")
                def a() -> str:
                    \"\"\"A.\"\"\"
                    return "a"


                @mcp.tool(name=_fmt("ns") + "b")
                def b() -> str:
                    \"\"\"B.\"\"\"
                    return "b"
            """,
        },
    )
    result = run(tmp_path)
    assert sorted(t.name for t in result.tools) == ["a", "ns-b"]
    assert not [e for e in result.errors if e.stage == "python"]
