"""mcpvet.clifast converts option values as typer's pydantic adapters do, for every option of
every command, and a run with the usual options loads no pydantic."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mcpvet import clifast
from mcpvet.cli import app

ROOT = Path(__file__).resolve().parents[2]

pytest.importorskip("typer._coercion", reason="this typer converts through click, without pydantic")


def _params() -> Iterator[tuple[str, Any, Any]]:
    from typer.main import get_command

    def walk(cmd: Any, path: str) -> Iterator[tuple[str, Any, Any]]:
        for p in cmd.params:
            if hasattr(p, "type_descriptor"):
                yield f"{path} {p.name}", cmd, p
        for name, sub in (getattr(cmd, "commands", None) or {}).items():
            yield from walk(sub, f"{path} {name}")

    yield from walk(get_command(app), "mcpvet")


def _outcome(runtime: Any, value: Any, param: Any, ctx: Any) -> tuple[str, Any]:
    try:
        return "value", runtime.coerce(value, param=param, ctx=ctx)
    except Exception as exc:  # the error typer shows, compared as text
        return "error", (type(exc).__name__, str(exc))


def test_every_option_converts_as_typer_converts_it(tmp_path: Path) -> None:
    from typer import _click
    from typer._coercion import build_runtime_param

    assert clifast.install()
    afile = tmp_path / "card.json"
    afile.write_text("{}")
    values: list[Any] = [None, "json", "JSON", "Markdown", "text", "sarif", "xml", "high", "none", "wheel", "", "12",
                         "007", "0", "5000", "-3", "1e3", " 5", "99999999999999999999", "abc", "./x", "-", "a\0b",
                         str(tmp_path), str(afile), str(tmp_path / "missing" / "x.json"), "pypi:mcp-server-time"]
    seen = 0
    for name, cmd, param in _params():
        fast = clifast.fast_runtime_param(param.type_descriptor)
        if fast is None:
            continue
        seen += 1
        ctx = _click.Context(cmd)
        for value in values:
            param._runtime_param = None
            real = build_runtime_param(param.type_descriptor)
            assert _outcome(fast, value, param, ctx) == _outcome(real, value, param, ctx), (name, value)
    assert seen >= 20  # inspect, batch, report, diff, baseline... all their options


def test_a_run_with_the_usual_options_loads_no_pydantic(tmp_path: Path) -> None:
    pkg = tmp_path / "srv"
    pkg.mkdir()
    (pkg / "server.py").write_text('from mcp.server.fastmcp import FastMCP\nmcp = FastMCP("s")\n\n'
                                   '@mcp.tool()\ndef add(a: int, b: int) -> int:\n    """Add two numbers."""\n'
                                   '    return a + b\n')
    probe = ("import runpy, sys\n"
             "sys.argv = ['mcpvet', 'inspect', sys.argv[1], '--format', 'json', '--offline', '--fail-on', 'none',\n"
             "            '--cache-dir', sys.argv[2], '--max-files', '5000', '-o', sys.argv[3]]\n"
             "try:\n    runpy.run_module('mcpvet', run_name='__main__')\n"
             "except SystemExit as e:\n    code = e.code\n"
             "print('PYDANTIC' if 'pydantic' in sys.modules else 'NONE', file=sys.stderr)\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "analyzer")}
    out = tmp_path / "card.json"
    done = subprocess.run([sys.executable, "-c", probe, str(pkg), str(tmp_path / "cache"), str(out)],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=240)
    assert json.loads(out.read_text())["tools"][0]["name"] == "add", done.stderr[-2000:]
    assert done.stderr.strip().splitlines()[-1] == "NONE"


def test_help_loads_neither_the_model_nor_pydantic_nor_rich() -> None:
    """`mcpvet --help` (and a command's --help) costs typer and the CLI's own modules only."""
    probe = ("import runpy, sys\n"
             "sys.argv = ['mcpvet', *sys.argv[1:]]\n"
             "try:\n    runpy.run_module('mcpvet', run_name='__main__')\n"
             "except SystemExit:\n    pass\n"
             "loaded = [m for m in ('mcpvet.model', 'mcpvet.config', 'mcpvet.api', 'pydantic', 'rich', 'jsonschema')\n"
             "          if m in sys.modules]\n"
             "print('LOADED', *loaded, file=sys.stderr)\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "analyzer")}
    for args in (["--help"], ["inspect", "--help"], ["diff", "--help"]):
        done = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, env=env, timeout=120)
        assert "Usage" in done.stdout, done.stderr[-1000:]
        assert done.stderr.strip().splitlines()[-1] == "LOADED", (args, done.stderr[-300:])
