"""Python calls: arguments past a function's positional parameters are held in its `*args`, never bound to
a keyword-only parameter (`def save(folder, *parts, mode="w")`: `save(BASE, name)` puts `name` in `parts`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.frontends.flow.test_data_from import _card, _evidence

SERVER = '''
import os

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("x")
BASE = "/srv/notes"


def save(folder: str, *parts: str, text: str = "", mode: str = "w") -> None:
    with open(os.path.join(folder, *parts), mode) as f:
        f.write(text)


@mcp.tool()
def keep(name: str, body: str) -> str:
    """Keep a note under the given name."""
    save(BASE, name, text=body)
    return name
'''


def test_extra_positional_arguments_are_the_varargs(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    files = {"pyproject.toml": '[project]\nname = "p"\nversion = "1.0.0"\n', "src/p/server.py": SERVER}
    card = _card(tmp_path, capsys, monkeypatch, files)
    [ev] = [e for e in _evidence(card, "keep", "fs_write") if e["sink"] == "open"]
    assert ev["controlled_by"] == ["name"], ev  # the file's name, not `text=` (the first keyword-only)
