"""`next(c for c in TOOL_CLASSES if c.name == name)().run(args)`: a low-level dispatcher that picks a
tool class with `next` reaches the `run` of the class its condition picks for each tool name; over an
iterable the analysis cannot list, the call is unresolved (the tool is not complete), never a silent
call on a `builtins` object."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.support.cli import run_cli

SERVER = '''
import subprocess
from mcp.server import Server
from mcp.types import TextContent, Tool

server = Server("nxp")


class RunTool:
    name = "run"
    description = "Run it."

    def run(self, args: dict) -> str:
        return subprocess.run(args["cmd"], shell=True, capture_output=True, text=True).stdout


class EchoTool:
    name = "echo"
    description = "Echo it."

    def run(self, args: dict) -> str:
        return args["text"]


TOOL_CLASSES = [RunTool, EchoTool]


@server.list_tools()
async def list_tools() -> list[Tool]:
    return [Tool(name=c.name, description=c.description, inputSchema={"type": "object"}) for c in TOOL_CLASSES]


@server.call_tool()
async def call_tool(name: str, arguments: dict) -> list[TextContent]:
    cls = next(c for c in TOOL_CLASSES if c.name == name)
    return [TextContent(type="text", text=cls().run(arguments))]
'''


def _tools(tmp_path: Path, source: str, capsys: pytest.CaptureFixture[str],
           monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    (tmp_path / "server.py").write_text(source, "utf-8")
    code, out, err = run_cli(["inspect", str(tmp_path), "--format", "json", "--offline"], capsys, monkeypatch)
    assert code in (0, 1), err
    return {t["name"]: t for t in json.loads(out)["tools"]}


def test_each_tool_reaches_the_class_next_picks_for_it(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    tools = _tools(tmp_path, SERVER, capsys, monkeypatch)
    assert [c["kind"] for c in tools["run"]["capabilities"]] == ["process"]
    assert tools["echo"]["capabilities"] == []
    assert tools["run"]["complete"] and tools["echo"]["complete"]


def test_next_over_an_iterable_not_known_is_an_unresolved_call(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    source = SERVER.replace("cls = next(c for c in TOOL_CLASSES if c.name == name)",
                            "cls = next(c for c in load_classes() if c.name == name)")
    source += "\n\ndef load_classes():\n    import importlib\n    return importlib.import_module(NAME).CLASSES\n"
    tools = _tools(tmp_path, source, capsys, monkeypatch)
    assert tools["run"]["complete"] is False
    assert any(".run" in u for u in tools["run"]["unresolved"])
