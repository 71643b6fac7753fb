"""Renames, moves and copies have two paths: a tool argument in the target (`os.replace(tmp,
target)`, `fs.renameSync(tmp, target)`) reaches a path as much as one in the source."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mcpvet.sinks.javascript import js_other_path
from mcpvet.sinks.python import OTHER_PATH, sink_slot
from tests.support.cli import run_cli


def test_tables() -> None:
    assert js_other_path("node:fs", ("renameSync",)) == 1
    assert js_other_path("fs", ("promises", "rename")) == 1
    assert js_other_path("fs-extra", ("default", "move")) == 1
    assert js_other_path("fs", ("writeFileSync",)) is None
    assert js_other_path("path", ("join",)) is None
    for name, index in OTHER_PATH.items():  # the other argument is never the slot already followed
        slot = sink_slot(name)
        assert slot is not None and slot[1] == "path" and slot[0] != index, name


PY = '''
import os
import shutil
from pathlib import Path

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("x")


@mcp.tool()
def by_replace(name: str) -> str:
    """Keep a note."""
    os.replace("/var/x/tmp", name)
    return name


@mcp.tool()
def by_move(name: str) -> str:
    """Keep a note."""
    shutil.move(name, "/var/x/kept")
    return name


@mcp.tool()
def by_path_rename(name: str) -> str:
    """Keep a note."""
    Path("/var/x/tmp").rename(name)
    return name


@mcp.tool()
def fixed(name: str) -> str:
    """Keep a note."""
    os.replace("/var/x/tmp", "/var/x/kept")
    return name
'''


def test_python_second_paths(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "server.py").write_text(PY, "utf-8")
    code, out, err = run_cli(["inspect", str(tmp_path), "--format", "json", "--offline"], capsys, monkeypatch)
    assert code in (0, 1), err
    controlled = {t["name"]: {p for c in t["capabilities"] if c["kind"] == "fs_write" for e in c["evidence"]
                              for p in e["controlled_by"]} for t in json.loads(out)["tools"]}
    assert controlled == {"by_replace": {"name"}, "by_move": {"name"}, "by_path_rename": {"name"}, "fixed": set()}
