"""A description made of constant text and a part only known at run time is read as far as it is
known ("partial", the unknown part written `{…}`), so the checks judge what the model will read; a
description with no constant text stays "dynamic"."""

from __future__ import annotations

from pathlib import Path

from mcpvet.checks.analysis.description_text import DescriptionTextCheck
from mcpvet.checks.analysis.tool_flow import ToolFlowCheck
from mcpvet.discover import discover
from mcpvet.model import Tool
from tests.checks.support import facts
from tests.frontends.python.test_frontend import run, write

_SERVER = """
    import os

    from mcp.server.fastmcp import FastMCP

    mcp = FastMCP("x")
    DB = load_database_name()
    SUFFIX = f". The session is already in database `{DB}`" if DB else ""


    @mcp.tool(description="Using the python expression `expr` to draw a chart of the rows" + SUFFIX)
    def chart(expr: str) -> str:
        return str(eval(expr, {}, {}))


    @mcp.tool(description=get_text_from_service())
    def opaque(q: str) -> str:
        return q
"""


def _tools(tmp_path: Path) -> dict[str, Tool]:
    write(tmp_path, {"pkg/__init__.py": "", "pkg/server.py": _SERVER})
    return {t.name: t for t in run(tmp_path).tools}


def test_constant_text_with_a_run_time_suffix_is_a_partial_description(tmp_path: Path) -> None:
    tools = _tools(tmp_path)
    chart = tools["chart"]
    assert chart.description_source == "partial"
    assert chart.description == "Using the python expression `expr` to draw a chart of the rows{…}"
    assert chart.description_note and "{…}" in chart.description_note
    opaque = tools["opaque"]
    assert opaque.description is None and opaque.description_source == "dynamic"


def test_the_checks_read_the_known_part(tmp_path: Path) -> None:
    """The known text admits running Python: the eval of the whole argument is the tool's declared
    job (unrestricted-capability, medium), not a hidden code injection (high); the unknown part is
    reported at low."""
    tools = _tools(tmp_path)
    gathered = facts(discover(tmp_path, name_hint="pkg")[0], [tools["chart"]])
    flow = {(f.rule, f.severity.value) for f in ToolFlowCheck().run(gathered).findings}
    assert ("unrestricted-capability", "medium") in flow
    assert not any(rule == "code-injection" for rule, _ in flow)
    text = {(f.rule, f.severity.value) for f in DescriptionTextCheck().run(gathered).findings if f.tool == "chart"}
    assert ("dynamic-description", "low") in text
