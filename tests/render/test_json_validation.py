"""The schema check of a rendered JSON scorecard: on in the test suite (and with
MCPVET_VALIDATE_OUTPUT=1), off by default in a user's run, where it cost start-up time."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from mcpvet import api
from mcpvet.errors import MCPVetError
from mcpvet.model.scorecard import Score
from mcpvet.render.json import VALIDATE_ENV, render_json, validating

ROOT = Path(__file__).resolve().parents[2]


def _broken_card() -> object:
    """A scorecard that breaks the contract: a score outside 0-10."""
    card = api.failed_scorecard("./x", RuntimeError("boom"))
    return replace(card, score=Score(11.5, "A", (), None))


def test_the_suite_checks_every_rendered_scorecard() -> None:
    assert os.environ.get(VALIDATE_ENV) == "1" and validating()
    with pytest.raises(MCPVetError, match="does not match its schema"):
        render_json(_broken_card())  # type: ignore[arg-type]


def test_the_check_can_be_asked_for_or_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(VALIDATE_ENV)
    assert not validating()
    card = _broken_card()
    assert json.loads(render_json(card))["score"]["value"] == 11.5  # type: ignore[arg-type]
    with pytest.raises(MCPVetError, match="does not match its schema"):
        render_json(card, validate=True)  # type: ignore[arg-type]
    monkeypatch.setenv(VALIDATE_ENV, "0")
    assert not validating()


def test_a_users_run_does_not_load_the_validator(tmp_path: Path) -> None:
    """Without MCPVET_VALIDATE_OUTPUT the CLI renders JSON without importing jsonschema."""
    pkg = tmp_path / "srv"
    pkg.mkdir()
    (pkg / "server.py").write_text('from mcp.server.fastmcp import FastMCP\nmcp = FastMCP("s")\n\n'
                                   '@mcp.tool()\ndef add(a: int, b: int) -> int:\n    """Add two numbers."""\n'
                                   '    return a + b\n')
    probe = ("import runpy, sys\n"
             "sys.argv = ['mcpvet', 'inspect', sys.argv[1], '--format', 'json', '--offline', '--fail-on', 'none']\n"
             "try:\n    runpy.run_module('mcpvet', run_name='__main__')\n"
             "except SystemExit as e:\n    code = e.code\n"
             "print('JSONSCHEMA' if 'jsonschema' in sys.modules else 'NONE', file=sys.stderr)\n")
    env = {k: v for k, v in os.environ.items() if k != VALIDATE_ENV}
    env["PYTHONPATH"] = str(ROOT / "analyzer")
    done = subprocess.run([sys.executable, "-c", probe, str(pkg)], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=240)
    assert json.loads(done.stdout)["tools"][0]["name"] == "add"
    assert done.stderr.strip().splitlines()[-1] == "NONE"
