"""The hostile corpus runs through `mcpvet.api.inspect` with no network: offline options, no
retries, and every service URL pointed at a loopback port nothing listens on."""

from __future__ import annotations

import socket
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from mcpvet.api import inspect
from mcpvet.errors import MCPVetError
from mcpvet.model.scorecard import Scorecard
from mcpvet.options import InspectOptions


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # closed again when the block ends


@dataclass
class Outcome:
    """What inspect gave: a scorecard, or an MCPVetError with a one-line message (never another exception)."""

    scorecard: Scorecard | None
    error: MCPVetError | None

    @property
    def messages(self) -> list[str]:
        if self.error is not None:
            return [self.error.message]
        assert self.scorecard is not None
        return [e.message for e in self.scorecard.errors]

    @property
    def text(self) -> str:
        return "\n".join(self.messages)

    @property
    def tools(self) -> list[str]:
        return sorted(t.name for t in self.scorecard.tools) if self.scorecard else []

    def says(self, *words: str) -> bool:
        """Does one message (errors[] entry or the error) contain every word?"""
        return any(all(w.lower() in m.lower() for w in words) for m in self.messages)


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> InspectOptions:
    closed = f"http://127.0.0.1:{_closed_port()}"
    for var in ("MCPVET_PYPI_URL", "MCPVET_NPM_URL", "MCPVET_OSV_URL"):
        monkeypatch.setenv(var, closed)
    return InspectOptions(offline=True, http_retries=0, http_timeout_s=2.0, cache_dir=tmp_path / "cache")


@pytest.fixture
def run(offline: InspectOptions) -> Callable[[Path], Outcome]:
    def _run(spec: Path) -> Outcome:
        try:
            return Outcome(inspect(str(spec), offline), None)
        except MCPVetError as exc:
            assert exc.exit_code == 3, f"a hostile input is not a usage error: {exc}"
            assert exc.message.strip() and "\n" not in exc.message, f"not one clear line: {exc.message!r}"
            return Outcome(None, exc)
    return _run
