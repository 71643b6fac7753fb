"""Run the real command-line entry point (`cli.main`) inside a test."""

from __future__ import annotations

import sys

import pytest

from mcpvet import cli


def run_cli(argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of `mcpvet ARGV`."""
    monkeypatch.setattr(sys, "argv", ["mcpvet", *argv])
    with pytest.raises(SystemExit) as exc:
        cli.main()
    out, err = capsys.readouterr()
    return int(exc.value.code or 0), out, err
