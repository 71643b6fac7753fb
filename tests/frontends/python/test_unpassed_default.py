"""A helper's branch guarded by a parameter that defaults to None (`if output_file:`) is pruned
from the copy of the helper a call that does not pass it reaches; a call that passes it, positionally
or by keyword, or through `**kwargs`, keeps the branch."""

from __future__ import annotations

import ast
from pathlib import Path

from mcpvet.frontends.python.graph import _none_truth
from mcpvet.model import Kind
from tests.frontends.python.test_frontend import run, write

SERVER = """
    from pathlib import Path

    from mcp.server.fastmcp import FastMCP

    mcp = FastMCP("x")


    def export(text: str, fmt: str = "md", output_file: str | None = None, *, backup=None) -> str:
        if output_file:
            Path(output_file).write_text(text)
        if backup is not None:
            Path("/var/backups/x").write_text(text)
        return text


    @mcp.tool()
    def plain(text: str) -> str:
        \"\"\"Format a text.\"\"\"
        return export(text, fmt="md")


    @mcp.tool()
    def by_keyword(text: str) -> str:
        \"\"\"Format a text.\"\"\"
        return export(text, output_file="/tmp/x.md")


    @mcp.tool()
    def by_position(text: str) -> str:
        \"\"\"Format a text.\"\"\"
        return export(text, "md", "/tmp/x.md")


    @mcp.tool()
    def by_kwargs(text: str, **extra) -> str:
        \"\"\"Format a text.\"\"\"
        return export(text, **extra)


    @mcp.tool()
    def with_backup(text: str) -> str:
        \"\"\"Format a text.\"\"\"
        return export(text, backup=True)
"""


def test_branches_of_unpassed_none_defaults_are_pruned_per_call(tmp_path: Path) -> None:
    write(tmp_path, {"pkg/__init__.py": "", "pkg/server.py": SERVER})
    tools = {t.name: t for t in run(tmp_path).tools}

    def writes(name: str) -> set[int]:
        return {e.location.line for c in tools[name].capabilities if c.kind is Kind.FS_WRITE for e in c.evidence}

    assert writes("plain") == set()
    assert len(writes("by_keyword")) == 1 and len(writes("by_position")) == 1 and len(writes("with_backup")) == 1
    assert writes("by_keyword") == writes("by_position") != writes("with_backup")
    assert len(writes("by_kwargs")) == 2


def test_none_truth() -> None:
    ctx = (("x", None),)
    assert _none_truth(ast.parse("x", mode="eval").body, ctx) is False
    assert _none_truth(ast.parse("not x", mode="eval").body, ctx) is True
    assert _none_truth(ast.parse("x is None", mode="eval").body, ctx) is True
    assert _none_truth(ast.parse("x is not None", mode="eval").body, ctx) is False
    assert _none_truth(ast.parse("y", mode="eval").body, ctx) is None
    assert _none_truth(ast.parse("x == 1", mode="eval").body, ctx) is None
