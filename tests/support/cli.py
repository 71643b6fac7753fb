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


def source_env(**extra: str) -> dict[str, str]:
    """The environment for a `python -m mcpvet` child process that must run THIS checkout's code
    (its `analyzer/`) and can import `tests.support` (Dask workers unpickle test helpers), whatever
    copy of mcpvet is installed in the interpreter."""
    import os
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(root / "analyzer"), str(root)]), **extra}
