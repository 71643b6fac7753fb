"""An object built by a package class keeps in each attribute what its constructor assigns to it: a
member read is what flowed into THAT attribute, not every argument of the constructor."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.frontends.flow.test_data_from import _card, _evidence

PY = '''
import os
import subprocess
import httpx
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("p")


class Shell:
    def __init__(self, workdir: str, shell: str | None = None) -> None:
        self.cwd = workdir
        self.shell_path = shell if shell else os.environ.get("SHELL", "/bin/bash")
        self.process = None
        self._start()

    def _start(self) -> None:
        subprocess.Popen([self.shell_path], cwd=self.cwd)

    def run(self) -> str:
        return subprocess.run([self.shell_path, "-c", "ls"], cwd=self.cwd, capture_output=True, text=True).stdout


class Api:
    def __init__(self, host: str, token: str) -> None:
        self.base = host
        self.headers = {"Authorization": token}

    def get(self, q: str) -> str:
        return httpx.get(self.base, params={"q": q}, headers=self.headers).text


def make(host: str) -> Api:
    return Api(host, os.environ["API_TOKEN"])


@mcp.tool()
def list_dir(path: str) -> str:
    """List a folder."""
    return Shell(path).run()


@mcp.tool()
def open_shell(path: str, shell: str) -> str:
    """Open a shell of the caller's choice in a folder."""
    state = Shell(path, shell=shell)
    return state.run()


@mcp.tool()
def search(host: str, q: str) -> str:
    """Search a host."""
    return make(host).get(q)
'''


@pytest.fixture
def card(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    files = {"pyproject.toml": '[project]\nname = "p"\nversion = "1.0.0"\n', "src/p/server.py": PY}
    return _card(tmp_path, capsys, monkeypatch, files)


def test_an_attribute_set_from_the_environment_is_not_the_constructors_other_arguments(card: dict[str, Any]) -> None:
    # the program is $SHELL: `path` (kept in `cwd`) does not choose it, in a method nor in the constructor
    for ev in _evidence(card, "list_dir", "process"):
        assert ev["controlled_by"] == [], ev
        assert ev["data_from"] == ["path", "env:SHELL"], ev


def test_an_attribute_set_from_an_argument_is_that_argument(card: dict[str, Any]) -> None:
    lines = {ev["line"]: ev for ev in _evidence(card, "open_shell", "process")}
    assert len(lines) == 2  # the constructor's own spawn (its `self` is the object) and run's
    for ev in lines.values():
        assert ev["controlled_by"] == ["shell"], ev


def test_an_object_built_by_a_factory_keeps_its_attributes_apart(card: dict[str, Any]) -> None:
    [ev] = _evidence(card, "search", "network")
    assert ev["controlled_by"] == ["host"]
    assert ev["data_from"] == ["host", "q", "env:API_TOKEN"]
