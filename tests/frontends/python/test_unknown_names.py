"""A tool that cannot be listed leaves a specific errors[] entry: where its name comes from."""

from __future__ import annotations

from pathlib import Path

from tests.frontends.python.test_cases import analyse

SERVER = '''
import json
import sys

from mcp.server.lowlevel import Server
from mcp.types import Tool

REGISTRY = {"ListIndexTool": {"display_name": "ListIndexTool", "description": "List indices.", "input_schema": {}}}


async def get_tools(registry: dict) -> dict:
    """Keep the tools the cluster's version supports (asked at start-up)."""
    version = json.loads(sys.stdin.readline())["version"]
    return {k: v for k, v in registry.items() if v.get("min", 0) <= version}


async def serve() -> None:
    server = Server("search")
    enabled_tools = await get_tools(REGISTRY)

    @server.list_tools()
    async def _list_tools() -> list[Tool]:
        tools = []
        for tool_name, tool_info in enabled_tools.items():
            tools.append(Tool(name=tool_info.get("display_name", tool_name), description=tool_info["description"],
                              inputSchema=tool_info["input_schema"]))
        return tools
'''


def test_a_name_from_a_registry_filtered_at_run_time_says_where_it_comes_from(tmp_path: Path) -> None:
    (tmp_path / "src" / "search").mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "search"\nversion = "1.0.0"\n')
    (tmp_path / "src" / "search" / "__init__.py").write_text("")
    (tmp_path / "src" / "search" / "server.py").write_text(SERVER)
    result = analyse(tmp_path)
    notes = [e.message for e in result.errors if "tool name" in e.message]
    assert notes == ["tool name at line 25 could not be computed statically: one tool per item of a loop over "
                     "`enabled_tools.items()`, `enabled_tools` = `await get_tools(REGISTRY)` (line 19), whose items "
                     "the analysis could not compute"], result.errors


PRIVATE_TABLE = '''
from mcp.server.fastmcp import FastMCP
from mcp.server.fastmcp.tools.base import Tool as FastMCPTool


def activate_project(project: str) -> str:
    """Activates a project."""
    return project


def build() -> FastMCP:
    mcp = FastMCP("agent")
    mcp._tool_manager._tools = {}
    for fn in (activate_project,):
        tool = FastMCPTool.from_function(fn)
        mcp._tool_manager._tools[tool.name] = tool
    return mcp
'''


def test_tools_written_into_the_private_tool_table_are_said_not_listed(tmp_path: Path) -> None:
    # mcp 1.29's FastMCP lists activate_project from that table (serena-agent's shape)
    (tmp_path / "src" / "agent").mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "agent"\nversion = "1.0.0"\n')
    (tmp_path / "src" / "agent" / "__init__.py").write_text("")
    (tmp_path / "src" / "agent" / "server.py").write_text(PRIVATE_TABLE)
    result = analyse(tmp_path)
    notes = [e.message for e in result.errors if "private tool table" in e.message]
    assert notes == ["tools written straight into the server's private tool table at line 16 "
                     "(`mcp._tool_manager._tools[tool.name] = …`) are not listed: the SDK lists them, the analysis "
                     "does not follow that table"], result.errors


BY_METHOD_NAME = '''
class App:
    def __init__(self, server) -> None:
        self.server = server
        add = self.server.add_request_handler
        add("tools/list", dict, self._on_list_tools)

    async def _on_list_tools(self, ctx, params):
        return {"tools": []}
'''


def test_a_tools_list_handler_registered_by_method_name_is_said_not_computed(tmp_path: Path) -> None:
    (tmp_path / "src" / "app").mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "app"\nversion = "1.0.0"\n')
    (tmp_path / "src" / "app" / "__init__.py").write_text("")
    (tmp_path / "src" / "app" / "server.py").write_text(BY_METHOD_NAME)
    result = analyse(tmp_path)
    notes = [e.message for e in result.errors if "tools/list" in e.message]
    assert notes == ['tools/list is answered by a handler registered at line 6 (add_request_handler("tools/list", …, '
                     'self._on_list_tools)): the tools it lists are not computed'], result.errors
