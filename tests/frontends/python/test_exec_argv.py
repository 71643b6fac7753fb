"""Command lines known statically: `asyncio.create_subprocess_exec` takes the program and its
arguments as positional arguments (its destination is the whole command line, not the program
alone), and an argv list built by the caller of a helper that starts it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli import run_cli

PY = '''
import asyncio
import subprocess
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("p")


@mcp.tool()
async def profile(file_path: str) -> str:
    """Profile."""
    proc = await asyncio.create_subprocess_exec("lake", "env", "lean", "--profile", file_path)
    await proc.wait()
    return "ok"


@mcp.tool()
async def spread(args: list[str]) -> str:
    """Spread."""
    proc = await asyncio.create_subprocess_exec("lake", *args)
    await proc.wait()
    return "ok"


def _spawn(command: list[str], cwd: str) -> subprocess.Popen:
    return subprocess.Popen(command, cwd=cwd)


def _spawn_any(command: list[str]) -> subprocess.Popen:
    return subprocess.Popen(command)


@mcp.tool()
def search(query: str) -> str:
    """Search."""
    command = ["rg", "--json", "-g", "*.lean", query, "."]
    _spawn(command, ".").wait()
    _spawn(["rg", "--json", "--files"], ".").wait()
    return "ok"


@mcp.tool()
def anything(program: str) -> str:
    """Anything."""
    _spawn_any([program, "-x"]).wait()
    return "ok"
'''


def _destinations(card: dict, tool: str) -> list[str | None]:
    [t] = [t for t in card["tools"] if t["name"] == tool]
    return [e.get("destination") for c in t["capabilities"] if c["kind"] == "process" for e in c["evidence"]
            if e["sink"] == "asyncio.create_subprocess_exec"]


def test_positional_arguments_of_create_subprocess_exec_make_the_command_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "src" / "p").mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "p"\nversion = "1.0.0"\n', "utf-8")
    (tmp_path / "src" / "p" / "server.py").write_text(PY, "utf-8")
    code, out, err = run_cli(["inspect", str(tmp_path), "--format", "json", "--offline"], capsys, monkeypatch)
    assert code in (0, 1), err
    card = json.loads(out)
    assert _destinations(card, "profile") == ["lake env lean --profile …"]
    assert _destinations(card, "spread") == ["lake"]  # `*args`: the program only, as before


def _card(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> dict:
    (tmp_path / "src" / "p").mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "p"\nversion = "1.0.0"\n', "utf-8")
    (tmp_path / "src" / "p" / "server.py").write_text(PY, "utf-8")
    code, out, err = run_cli(["inspect", str(tmp_path), "--format", "json", "--offline"], capsys, monkeypatch)
    assert code in (0, 1), err
    return dict(json.loads(out))


def test_an_argv_list_passed_to_a_helper_is_known_by_what_every_call_passes(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    card = _card(tmp_path, capsys, monkeypatch)

    def popen(tool: str) -> list[str | None]:
        [t] = [t for t in card["tools"] if t["name"] == tool]
        return [e.get("destination") for c in t["capabilities"] if c["kind"] == "process" for e in c["evidence"]
                if e["sink"] == "subprocess.Popen"]

    # the words both calls share, then where they part
    assert popen("search") == ["rg --json …"]
    assert popen("anything") == [None]  # the program itself is not known
